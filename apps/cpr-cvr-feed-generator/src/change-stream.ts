import { CompanyEvent, PersonEvent } from '@nemkonto/cpr-cvr-sync-feed-format';
import { LocalDate } from '@nemkonto/domain';
import { NumberSeries } from './cvr-numbers';
import { birthDateOf, issueForDate } from './cpr-numbers';
import { randomAddress } from './danish-addresses';
import { FeedBase } from './feed-base';
import { randomCompanyName, randomFirstNames, randomLastName } from './population';
import { Rng, WeightedList } from './rng';

// One day's changes, in proportions like the registers' own (Danes move far more often than
// they die; companies cease far more often than they go bankrupt), scaled to `events`.
type Action =
  | 'move'
  | 'birth'
  | 'immigration'
  | 'death'
  | 'emigration'
  | 'return'
  | 'rename'
  | 'protect'
  | 'unprotect'
  | 'renumber'
  | 'incapacity'
  | 'company'
  | 'p-number'
  | 'se-number'
  | 'bankruptcy'
  | 'ceased'
  | 'company-rename'
  | 'company-move';

const ACTIONS = new WeightedList<Action>([
  ['move', 45],
  ['birth', 3.5],
  ['immigration', 2.5],
  ['death', 5],
  ['emigration', 4],
  ['return', 1.5],
  ['rename', 5],
  ['protect', 1.2],
  ['unprotect', 0.5],
  ['renumber', 0.3],
  ['incapacity', 0.2],
  ['company', 4],
  ['p-number', 2.5],
  ['se-number', 0.8],
  ['bankruptcy', 1],
  ['ceased', 3],
  ['company-rename', 3],
  ['company-move', 5.5],
]);

// An event before it gets its sequence number (and, by default, its day).
type Draft<E> = E extends unknown
  ? Omit<E, 'sequenceNo' | 'effectiveDate'> & { effectiveDate?: string }
  : never;

export interface ChangeStream {
  readonly persons: PersonEvent[];
  readonly companies: CompanyEvent[];
}

export interface ChangeStreamOptions {
  readonly events: number;
  readonly today: string;
  readonly cprSource?: string;
  readonly cvrSource?: string;
}

export function generateChangeStream(rng: Rng, base: FeedBase, o: ChangeStreamOptions): ChangeStream {
  const g = new Generator(rng, base, o);
  // A register too small for some kinds of change simply gets fewer of them.
  for (let attempts = 0; g.total < o.events && attempts < o.events * 50; attempts++) g.act(ACTIONS.pick(rng));
  return { persons: g.persons, companies: g.companies };
}

class Generator {
  readonly persons: PersonEvent[] = [];
  readonly companies: CompanyEvent[] = [];
  private cprSeq: number;
  private cvrSeq: number;
  private readonly touched = new Set<string>();
  private readonly series: NumberSeries;

  constructor(
    private readonly rng: Rng,
    private readonly base: FeedBase,
    private readonly o: ChangeStreamOptions,
  ) {
    this.cprSeq = base.lastSeq.get(o.cprSource ?? 'CPR') ?? 0;
    this.cvrSeq = base.lastSeq.get(o.cvrSource ?? 'CVR') ?? 0;
    this.series = new NumberSeries(rng, 1000, base.maxCvrBase, base.maxP);
  }

  get total(): number {
    return this.persons.length + this.companies.length;
  }

  private day(): string {
    return LocalDate.addDays(this.o.today, -this.rng.int(3));
  }

  // A random person matching `ok`, not changed yet today (so one day's events agree).
  private person(ok: (status: string, prot: boolean) => boolean): string | null {
    for (let attempt = 0; attempt < 60 && this.base.personCount > 0; attempt++) {
      const i = this.rng.int(this.base.personCount);
      const cpr = this.base.cprAt(i);
      if (
        this.touched.has(cpr) ||
        !ok(this.base.personStatus[i] ?? '', this.base.personProtected[i] ?? false)
      )
        continue;
      this.touched.add(cpr);
      return cpr;
    }
    return null;
  }

  private company(ok: (status: string) => boolean): string | null {
    for (let attempt = 0; attempt < 60 && this.base.cvrs.length > 0; attempt++) {
      const i = this.rng.int(this.base.cvrs.length);
      const cvr = this.base.cvrAt(i);
      if (this.touched.has(cvr) || !ok(this.base.companyStatus[i] ?? '')) continue;
      this.touched.add(cvr);
      return cvr;
    }
    return null;
  }

  private setStatus(cpr: string, status: string): void {
    const i = this.base.personByCpr(cpr);
    if (i !== undefined) this.base.personStatus[i] = status;
  }

  private p(e: Draft<PersonEvent>): void {
    this.persons.push({ effectiveDate: this.day(), ...e, sequenceNo: ++this.cprSeq } as PersonEvent);
  }

  private c(e: Draft<CompanyEvent>): void {
    this.companies.push({ effectiveDate: this.day(), ...e, sequenceNo: ++this.cvrSeq } as CompanyEvent);
  }

  private newCpr(year: number, month: number, day: number): { cpr: string; female: boolean } | null {
    const [issued] = issueForDate(
      this.rng,
      year,
      month,
      day,
      1,
      0,
      (c) => this.base.hasCpr(c) || this.touched.has(c),
    );
    return issued ?? null;
  }

  act(action: Action): void {
    const alive = (s: string): boolean => s === 'A' || s === 'U';
    const today = this.o.today;
    switch (action) {
      case 'move': {
        const cpr = this.person((s) => alive(s));
        if (cpr) this.p({ type: 'person.address-changed', cpr, address: randomAddress(this.rng) });
        return;
      }
      case 'birth':
      case 'immigration': {
        const born =
          action === 'birth'
            ? LocalDate.addDays(today, -1 - this.rng.int(7))
            : LocalDate.addDays(today, -(18 + this.rng.int(50)) * 365 - this.rng.int(365));
        const [y, m, d] = born.split('-').map(Number) as [number, number, number];
        const issued = this.newCpr(y, m, d);
        if (!issued) return;
        this.touched.add(issued.cpr);
        this.base.addPerson(issued.cpr, 'A', false);
        this.p({
          type: 'person.created',
          cpr: issued.cpr,
          firstNames: randomFirstNames(this.rng, issued.female),
          lastName: randomLastName(this.rng),
          address: randomAddress(this.rng),
          protected: false,
          status: 'ACTIVE',
          statusDate: null,
          effectiveDate: action === 'birth' ? born : this.day(),
        });
        return;
      }
      case 'death': {
        // Deaths fall mostly on the old: try a few and keep the oldest.
        let cpr: string | null = null;
        for (let i = 0; i < 3; i++) {
          const c = this.person((s) => s !== 'D');
          if (c && (cpr === null || birthDateOf(c).year < birthDateOf(cpr).year)) cpr = c;
        }
        if (!cpr) return;
        this.setStatus(cpr, 'D');
        this.p({
          type: 'person.status-changed',
          cpr,
          status: 'DEAD',
          statusDate: LocalDate.addDays(today, -1 - this.rng.int(5)),
        });
        return;
      }
      case 'emigration': {
        const cpr = this.person((s) => s === 'A');
        if (!cpr) return;
        this.setStatus(cpr, 'E');
        this.p({ type: 'person.status-changed', cpr, status: 'EMIGRATED', statusDate: this.day() });
        return;
      }
      case 'return': {
        const cpr = this.person((s) => s === 'E');
        if (!cpr) return;
        this.setStatus(cpr, 'A');
        const date = this.day();
        this.p({
          type: 'person.status-changed',
          cpr,
          status: 'ACTIVE',
          statusDate: date,
          effectiveDate: date,
        });
        this.p({
          type: 'person.address-changed',
          cpr,
          address: randomAddress(this.rng),
          effectiveDate: date,
        });
        return;
      }
      case 'rename': {
        const cpr = this.person((s) => alive(s));
        if (!cpr) return;
        const female = Number(cpr[9]) % 2 === 0;
        this.p({
          type: 'person.name-changed',
          cpr,
          // Mostly a new surname (marriage); sometimes new first names too.
          firstNames: randomFirstNames(this.rng, female),
          lastName: randomLastName(this.rng),
        });
        return;
      }
      case 'protect':
      case 'unprotect': {
        const on = action === 'protect';
        const cpr = this.person((s, prot) => alive(s) && prot !== on);
        if (!cpr) return;
        const i = this.base.personByCpr(cpr);
        if (i !== undefined) this.base.personProtected[i] = on;
        this.p({ type: 'person.protection-changed', cpr, protected: on });
        return;
      }
      case 'renumber': {
        const old = this.person((s) => alive(s));
        if (!old) return;
        const b = birthDateOf(old);
        const issued = this.newCpr(b.year, b.month, b.day);
        if (!issued) return;
        this.touched.add(issued.cpr);
        this.base.renumber(old, issued.cpr);
        this.p({ type: 'person.number-changed', cpr: issued.cpr, previousCpr: old });
        return;
      }
      case 'incapacity': {
        const cpr = this.person((s) => s === 'A');
        if (!cpr) return;
        this.setStatus(cpr, 'U');
        this.p({ type: 'person.status-changed', cpr, status: 'INCAPACITATED', statusDate: this.day() });
        return;
      }
      case 'company': {
        const cvr = this.series.nextCvr();
        this.touched.add(cvr);
        this.base.addCompany(cvr, 'A');
        this.c({
          type: 'company.created',
          cvr,
          name: randomCompanyName(this.rng),
          address: randomAddress(this.rng),
          status: 'ACTIVE',
          statusDate: null,
        });
        this.c({ type: 'company.p-number-added', cvr, pNumber: this.series.nextP(), address: null });
        if (this.rng.chance(0.1))
          this.c({ type: 'company.se-number-added', cvr, seNumber: this.series.nextCvr(), address: null });
        return;
      }
      case 'p-number':
      case 'se-number': {
        const cvr = this.company((s) => s === 'A');
        if (!cvr) return;
        if (action === 'p-number') {
          this.c({
            type: 'company.p-number-added',
            cvr,
            pNumber: this.series.nextP(),
            address: randomAddress(this.rng),
          });
        } else {
          this.c({ type: 'company.se-number-added', cvr, seNumber: this.series.nextCvr(), address: null });
        }
        return;
      }
      case 'bankruptcy':
      case 'ceased': {
        const cvr = this.company((s) => s === 'A');
        if (!cvr) return;
        const status = action === 'bankruptcy' ? 'BANKRUPT' : 'CEASED';
        this.c({ type: 'company.status-changed', cvr, status, statusDate: this.day() });
        return;
      }
      case 'company-rename': {
        const cvr = this.company((s) => s === 'A');
        if (cvr) this.c({ type: 'company.name-changed', cvr, name: randomCompanyName(this.rng) });
        return;
      }
      case 'company-move': {
        const cvr = this.company((s) => s === 'A');
        if (cvr) this.c({ type: 'company.address-changed', cvr, address: randomAddress(this.rng) });
        return;
      }
      default: {
        const unknown: never = action;
        throw new Error(`unknown action ${String(unknown)}`);
      }
    }
  }
}
