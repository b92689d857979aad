import { FeedAddress, PersonEvent, PersonStatus } from '@nemkonto/cpr-cvr-sync-feed-format';

// A person's aspects as a batch of events sets them: per aspect the value of the event with the
// highest sequence number (0 = not touched). Folding first lets one upsert apply a whole batch,
// and since each aspect keeps the newest value whatever the order, the result is the same as
// applying the events one by one in sequence order.
export interface PersonAspects {
  cpr: string;
  nameSeq: number;
  firstNames: string | null;
  lastName: string | null;
  addressSeq: number;
  address: FeedAddress | null;
  protectionSeq: number;
  protected: boolean;
  statusSeq: number;
  status: PersonStatus;
  statusDate: string | null;
}

export const PERSON_STATUS_CODE: Readonly<Record<PersonStatus, string>> = {
  ACTIVE: 'A',
  DEAD: 'D',
  EMIGRATED: 'E',
  INCAPACITATED: 'U',
};

const blank = (cpr: string): PersonAspects => ({
  cpr,
  nameSeq: 0,
  firstNames: null,
  lastName: null,
  addressSeq: 0,
  address: null,
  protectionSeq: 0,
  protected: false,
  statusSeq: 0,
  status: 'ACTIVE',
  statusDate: null,
});

// Every event except a number change (handled before, it moves the person). `target` is the
// person's current number (an event may still name an old one).
export function foldPersonEvents(
  events: readonly { readonly event: PersonEvent; readonly target: string }[],
): PersonAspects[] {
  const byCpr = new Map<string, PersonAspects>();
  for (const { event: e, target } of events) {
    const a = byCpr.get(target) ?? blank(target);
    byCpr.set(target, a);
    const s = e.sequenceNo;
    const name = (first: string, last: string): void => {
      if (s <= a.nameSeq) return;
      a.nameSeq = s;
      a.firstNames = first;
      a.lastName = last;
    };
    const address = (value: FeedAddress | null): void => {
      if (s <= a.addressSeq) return;
      a.addressSeq = s;
      a.address = value;
    };
    const protection = (value: boolean): void => {
      if (s <= a.protectionSeq) return;
      a.protectionSeq = s;
      a.protected = value;
    };
    const status = (value: PersonStatus, date: string | null): void => {
      if (s <= a.statusSeq) return;
      a.statusSeq = s;
      a.status = value;
      a.statusDate = value === 'ACTIVE' ? null : date;
    };
    switch (e.type) {
      case 'person.created':
        name(e.firstNames, e.lastName);
        address(e.address);
        protection(e.protected);
        status(e.status, e.statusDate);
        break;
      case 'person.address-changed':
        address(e.address);
        break;
      case 'person.protection-changed':
        protection(e.protected);
        break;
      case 'person.status-changed':
        status(e.status, e.statusDate);
        // An emigrated person has no Danish address: letters are not sent abroad.
        if (e.status === 'EMIGRATED') address(null);
        break;
      case 'person.name-changed':
        name(e.firstNames, e.lastName);
        break;
      case 'person.number-changed':
        break;
      default: {
        const unknown: never = e;
        throw new Error(`unknown person event ${JSON.stringify(unknown)}`);
      }
    }
  }
  return [...byCpr.values()];
}

// Whether a folded row touches anything published (an address change alone is not).
export const touchesPublishedState = (a: PersonAspects): boolean =>
  a.nameSeq > 0 || a.protectionSeq > 0 || a.statusSeq > 0;
