import { CompanyEvent, CompanyStatus, PersonCreated, PersonStatus } from '@nemkonto/cpr-cvr-sync-feed-format';
import { LocalDate } from '@nemkonto/domain';
import { NumberSeries } from './cvr-numbers';
import { NO_MODULUS_11_YEARS, issueForDate } from './cpr-numbers';
import { randomAddress } from './danish-addresses';
import {
  COMPANY_FORMS,
  COMPANY_PREFIXES,
  COMPANY_TRADES,
  FEMALE_FIRST_NAMES,
  MALE_FIRST_NAMES,
  SURNAMES,
} from './danish-names';
import { Rng, WeightedList } from './rng';

// Share of the population per five-year age band, 0-4 … 100-104 (Denmark, roughly).
const AGE_BANDS = [
  5.3, 5.5, 5.8, 6.0, 6.5, 7.0, 6.5, 6.0, 6.0, 6.5, 7.0, 7.0, 6.2, 5.5, 5.3, 4.5, 2.8, 1.5, 0.6, 0.15, 0.02,
];

export const maleNames = new WeightedList(MALE_FIRST_NAMES);
export const femaleNames = new WeightedList(FEMALE_FIRST_NAMES);
export const surnames = new WeightedList(SURNAMES);
const forms = new WeightedList(COMPANY_FORMS);

export function randomFirstNames(rng: Rng, female: boolean): string {
  const list = female ? femaleNames : maleNames;
  const first = list.pick(rng);
  if (!rng.chance(0.3)) return first;
  const second = list.pick(rng);
  return second === first ? first : `${first} ${second}`;
}

export function randomLastName(rng: Rng): string {
  const last = surnames.pick(rng);
  if (!rng.chance(0.15)) return last;
  const middle = surnames.pick(rng);
  return middle === last ? last : `${middle} ${last}`;
}

export interface PersonOptions {
  readonly count: number;
  // The extract's day: ages count back from it.
  readonly today: string;
  // Of persons born on 1 January of the years in NO_MODULUS_11_YEARS, the share given a number
  // without modulus 11 (immigrants registered with 1 January as birth date).
  readonly noModulus11Share?: number;
}

const DAY_MS = 86_400_000;

// Calls `emit` for every person, oldest first. Numbers are unique because each birth date's
// serials are drawn without repeats. Sequence numbers are 1..count in output order.
export function generatePersons(rng: Rng, o: PersonOptions, emit: (p: PersonCreated) => void): number {
  const today = Date.parse(`${o.today}T00:00:00Z`);
  const firstDay = today - 105 * 365.25 * DAY_MS;
  const days = Math.floor((today - firstDay) / DAY_MS);
  const weightOfDay = (i: number): number => {
    const ageYears = (days - i) / 365.25;
    return (AGE_BANDS[Math.min(AGE_BANDS.length - 1, Math.floor(ageYears / 5))] ?? 0) / (5 * 365.25);
  };
  let total = 0;
  for (let i = 0; i < days; i++) total += weightOfDay(i);
  let seq = 0;
  let carry = 0;
  const share = o.noModulus11Share ?? 0.4;
  for (let i = 0; i < days && seq < o.count; i++) {
    const date = new Date(firstDay + i * DAY_MS);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const exact = (o.count * weightOfDay(i)) / total + carry;
    let n = Math.floor(exact);
    carry = exact - n;
    // 1 January is over-represented: the date given when the real one is unknown.
    const newYear = m === 1 && d === 1;
    if (newYear) n = Math.round(n * 3);
    if (i === days - 1) n = o.count - seq;
    n = Math.min(n, o.count - seq);
    if (n <= 0) continue;
    const noMod = newYear && NO_MODULUS_11_YEARS.has(y) ? Math.round(n * share) : 0;
    const iso = date.toISOString().slice(0, 10);
    const issued = issueForDate(rng, y, m, d, n, noMod);
    // A date that cannot take so many numbers passes the rest on to the next days.
    carry += n - issued.length;
    const age = (days - i) / 365.25;
    for (const p of issued) {
      seq++;
      emit(randomPerson(rng, seq, p.cpr, p.female, iso, age, o.today));
    }
  }
  return seq;
}

function randomPerson(
  rng: Rng,
  seq: number,
  cpr: string,
  female: boolean,
  born: string,
  age: number,
  today: string,
): PersonCreated {
  const r = rng.next();
  // Deaths of the last five years stay in the register (older ones are not in the extract).
  const deadShare = age > 70 ? 0.08 : 0.004;
  let status: PersonStatus = 'ACTIVE';
  if (r < deadShare) status = 'DEAD';
  else if (r < deadShare + 0.02 && age > 18) status = 'EMIGRATED';
  else if (r < deadShare + 0.021 && age > 18) status = 'INCAPACITATED';
  const statusDate =
    status === 'ACTIVE'
      ? null
      : LocalDate.addDays(today, -1 - rng.int(status === 'DEAD' ? 5 * 365 : 20 * 365));
  return {
    type: 'person.created',
    sequenceNo: seq,
    effectiveDate: born > '2000-01-01' ? born : '2000-01-01',
    cpr,
    firstNames: randomFirstNames(rng, female),
    lastName: randomLastName(rng),
    address: status === 'EMIGRATED' || status === 'DEAD' ? null : randomAddress(rng),
    // Name and address protection: about 2 %.
    protected: status === 'ACTIVE' && rng.chance(0.02),
    status,
    statusDate: statusDate !== null && statusDate < born ? born : statusDate,
  };
}

export function randomCompanyName(rng: Rng): string {
  const form = forms.pick(rng);
  const trade = rng.pick(COMPANY_TRADES);
  const head = rng.chance(0.55) ? surnames.pick(rng) : rng.pick(COMPANY_PREFIXES);
  if (form === 'v/ENK') return `${trade} v/${femaleOrMale(rng)} ${surnames.pick(rng)}`.slice(0, 100);
  return [head, trade, form].filter((p) => p !== '').join(' ');
}

const femaleOrMale = (rng: Rng): string => (rng.chance(0.5) ? femaleNames : maleNames).pick(rng);

export interface CompanyOptions {
  readonly count: number;
  readonly today: string;
}

// Every company with its P numbers (production units; the first at the company's address, the
// others at their own) and, for some, SE numbers. Sequence numbers run 1.. over all records.
export function generateCompanies(
  rng: Rng,
  o: CompanyOptions,
  series: NumberSeries,
  emit: (e: CompanyEvent) => void,
): number {
  let seq = 0;
  for (let i = 0; i < o.count; i++) {
    const cvr = series.nextCvr();
    const r = rng.next();
    const status: CompanyStatus = r < 0.06 ? 'CEASED' : r < 0.07 ? 'BANKRUPT' : 'ACTIVE';
    const founded = LocalDate.addDays(o.today, -30 - rng.int(40 * 365));
    const statusDate = status === 'ACTIVE' ? null : LocalDate.addDays(o.today, -1 - rng.int(3 * 365));
    const effectiveDate = founded;
    emit({
      type: 'company.created',
      sequenceNo: ++seq,
      effectiveDate,
      cvr,
      name: randomCompanyName(rng),
      address: randomAddress(rng),
      status,
      statusDate: statusDate !== null && statusDate < founded ? founded : statusDate,
    });
    const units = r < 0.07 ? 1 : rng.chance(0.85) ? 1 : rng.chance(0.66) ? 2 + rng.int(2) : 4 + rng.int(7);
    for (let u = 0; u < units; u++) {
      emit({
        type: 'company.p-number-added',
        sequenceNo: ++seq,
        effectiveDate,
        cvr,
        pNumber: series.nextP(),
        address: u === 0 ? null : randomAddress(rng),
      });
    }
    if (rng.chance(0.08)) {
      const se = 1 + rng.int(3);
      for (let s = 0; s < se; s++) {
        emit({
          type: 'company.se-number-added',
          sequenceNo: ++seq,
          effectiveDate,
          cvr,
          seNumber: series.nextCvr(),
          address: null,
        });
      }
    }
  }
  return seq;
}
