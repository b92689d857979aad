// One change from the CPR or CVR feed, as both ways in deliver it (a fixed-width record in a file
// drop, or a JSON event on the RabbitMQ feed). Every event carries its source's sequence number.

export type PersonStatus = 'ACTIVE' | 'DEAD' | 'EMIGRATED' | 'INCAPACITATED';
export type CompanyStatus = 'ACTIVE' | 'BANKRUPT' | 'CEASED';

// A Danish postal address in the CPR/CVR style. House number, floor and door are optional.
export interface FeedAddress {
  readonly street: string;
  readonly houseNo: string | null;
  readonly floor: string | null;
  readonly door: string | null;
  readonly postcode: string;
  readonly city: string;
}

interface EventBase {
  readonly sequenceNo: number;
  // The day the change took effect in the source register (YYYY-MM-DD).
  readonly effectiveDate: string;
}

export interface PersonCreated extends EventBase {
  readonly type: 'person.created';
  readonly cpr: string;
  readonly firstNames: string;
  readonly lastName: string;
  readonly address: FeedAddress | null;
  readonly protected: boolean;
  readonly status: PersonStatus;
  readonly statusDate: string | null;
}

export interface PersonAddressChanged extends EventBase {
  readonly type: 'person.address-changed';
  readonly cpr: string;
  // Null: the person has no Danish address any more (e.g. whereabouts unknown).
  readonly address: FeedAddress | null;
}

export interface PersonProtectionChanged extends EventBase {
  readonly type: 'person.protection-changed';
  readonly cpr: string;
  readonly protected: boolean;
}

// Death, emigration, return (ACTIVE again), legal incapacity.
export interface PersonStatusChanged extends EventBase {
  readonly type: 'person.status-changed';
  readonly cpr: string;
  readonly status: PersonStatus;
  readonly statusDate: string;
}

export interface PersonNumberChanged extends EventBase {
  readonly type: 'person.number-changed';
  // The new number; the person was known as previousCpr until effectiveDate.
  readonly cpr: string;
  readonly previousCpr: string;
}

export interface PersonNameChanged extends EventBase {
  readonly type: 'person.name-changed';
  readonly cpr: string;
  readonly firstNames: string;
  readonly lastName: string;
}

export interface CompanyCreated extends EventBase {
  readonly type: 'company.created';
  readonly cvr: string;
  readonly name: string;
  readonly address: FeedAddress | null;
  readonly status: CompanyStatus;
  readonly statusDate: string | null;
}

// An SE or P number of the company; its own address if it has one, else the company's is used.
export interface CompanySeNumberAdded extends EventBase {
  readonly type: 'company.se-number-added';
  readonly cvr: string;
  readonly seNumber: string;
  readonly address: FeedAddress | null;
}

export interface CompanyPNumberAdded extends EventBase {
  readonly type: 'company.p-number-added';
  readonly cvr: string;
  readonly pNumber: string;
  readonly address: FeedAddress | null;
}

// Bankruptcy (statusDate = the decree date), ceased, or active again.
export interface CompanyStatusChanged extends EventBase {
  readonly type: 'company.status-changed';
  readonly cvr: string;
  readonly status: CompanyStatus;
  readonly statusDate: string;
}

export interface CompanyNameChanged extends EventBase {
  readonly type: 'company.name-changed';
  readonly cvr: string;
  readonly name: string;
}

export interface CompanyAddressChanged extends EventBase {
  readonly type: 'company.address-changed';
  readonly cvr: string;
  readonly address: FeedAddress | null;
}

export type PersonEvent =
  | PersonCreated
  | PersonAddressChanged
  | PersonProtectionChanged
  | PersonStatusChanged
  | PersonNumberChanged
  | PersonNameChanged;

export type CompanyEvent =
  | CompanyCreated
  | CompanySeNumberAdded
  | CompanyPNumberAdded
  | CompanyStatusChanged
  | CompanyNameChanged
  | CompanyAddressChanged;

export type FeedEvent = PersonEvent | CompanyEvent;
export type FeedEventType = FeedEvent['type'];

export function isPersonEvent(e: FeedEvent): e is PersonEvent {
  return e.type.startsWith('person.');
}

// Which register a source feeds: the CPR office's persons or the CVR office's companies.
export type SourceKind = 'PERSONS' | 'COMPANIES';

// The field widths of the fixed-width layout bound the JSON events too, so every event can be
// written as a record and back.
export const FIELD_LIMITS = {
  firstNames: 50,
  lastName: 40,
  companyName: 100,
  street: 40,
  houseNo: 4,
  floor: 2,
  door: 4,
  city: 20,
  source: 10,
  maxSequenceNo: 999_999_999_999,
} as const;
