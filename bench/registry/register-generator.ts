// The register the benchmark loads: persons with realistic CPR numbers (the feed generator's
// rules: real birth dates, the century digit, modulus 11 where the CPR office used it), companies
// with CVR numbers and some SE and P numbers, their NemKonti, earlier versions, pending
// assignments, benefit-specific accounts, deaths, bankruptcies, cessations and moved CPR numbers.
// Rows come out as COPY text, a chunk at a time, and a sample of the parties is kept for lookups.
import { PartyKind, isValidDate, parsePartyId } from '@nemkonto/domain';
import { issueForDate } from '../../apps/cpr-cvr-feed-generator/src/cpr-numbers';
import { NumberSeries } from '../../apps/cpr-cvr-feed-generator/src/cvr-numbers';
import { Rng } from '../../apps/cpr-cvr-feed-generator/src/rng';

export type SampleKind = 'ACCOUNT' | 'NO_ACCOUNT' | 'END_MARKED' | 'UNKNOWN' | 'MOVED';

export interface SampledParty {
  readonly kind: 'CPR' | 'CVR' | 'SE' | 'P';
  readonly value: string;
  readonly expect: SampleKind;
}

export interface RegisterChunk {
  readonly parties: Buffer;
  readonly versions: Buffer;
  readonly partyRows: number;
  readonly versionRows: number;
}

export interface GeneratedCounts {
  persons: number;
  companies: number;
  se: number;
  p: number;
  partyRows: number;
  versionRows: number;
  endMarked: number;
  moved: number;
  benefitSpecific: number;
  pending: number;
  validated: number;
}

// Columns in COPY order.
export const PARTY_COLUMNS = [
  'party_kind',
  'party_id',
  'version',
  'status',
  'status_date',
  'end_marked_from',
  'moved_to',
  'parent_cvr',
];
export const VERSION_COLUMNS = [
  'version_id',
  'party_kind',
  'party_id',
  'purpose',
  'authority_id',
  'benefit_type',
  'account',
  'state',
  'channel',
  'actor',
  'activated_at',
  'effective_from',
  'effective_to',
  'activation_code_sha256',
  'activation_expires_at',
];

// Banks' reg.nr the accounts are spread over.
const REG_NOS = ['0040', '1551', '2201', '3001', '3409', '5301', '6460', '7890', '9070', '9570'];
const DAY_MS = 86_400_000;
const N = '\\N';
const DAYS_BACK = 9_000;
const DAYS_AHEAD = 400;
// Every 64th generated number is parsed again by the domain types, as a check that they are real.
const VALIDATE_EVERY = 64;

// COPY text rows written straight into a buffer: each row's string dies young, instead of
// millions of them surviving until the chunk is joined (the garbage collector took over half of
// the generator's time that way).
class RowBuffer {
  private buf = Buffer.allocUnsafe(8 << 20);
  private at = 0;

  write(row: string): void {
    if (this.at + row.length > this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.at);
      this.buf = bigger;
    }
    // Every field is ASCII, so one byte per character.
    this.at += this.buf.write(row, this.at, 'latin1');
  }

  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.at));
    this.at = 0;
    return out;
  }
}

// Rows of one party kind (COPY writes parties in key order: CPR, CVR, P, SE).
class Sink {
  readonly parties = new RowBuffer();
  readonly versions = new RowBuffer();
  partyRows = 0;
  versionRows = 0;
}

export class RegisterGenerator {
  readonly counts: GeneratedCounts = {
    persons: 0,
    companies: 0,
    se: 0,
    p: 0,
    partyRows: 0,
    versionRows: 0,
    endMarked: 0,
    moved: 0,
    benefitSpecific: 0,
    pending: 0,
    validated: 0,
  };
  readonly sample: SampledParty[] = [];
  private readonly rng: Rng;
  private readonly todayMs: number;
  private readonly dayTable: string[] = [];
  private readonly today: string;
  private versionSeq = 0;
  private seen = 0;
  private readonly main = new Sink();
  private readonly pUnits = new Sink();
  private readonly seUnits = new Sink();
  private sink = this.main;
  // A person whose CPR number was replaced: written with the next person's number as moved_to.
  private movedFrom: string | null = null;

  constructor(
    seed: number,
    private readonly sampleSize: number,
    today = new Date(),
  ) {
    this.rng = new Rng(seed);
    this.todayMs = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    for (let i = -DAYS_BACK; i <= DAYS_AHEAD; i++)
      this.dayTable.push(new Date(this.todayMs + i * DAY_MS).toISOString().slice(0, 10));
    this.today = this.day(0);
  }

  // Days from today as ISO dates, from a table (formatting a Date per row was a third of the
  // generator's time).
  private day(offsetDays: number): string {
    const d = this.dayTable[offsetDays + DAYS_BACK];
    if (d === undefined) throw new RangeError(`day ${offsetDays} is outside the table`);
    return d;
  }

  // Reservoir sampling: every party has the same chance to be in the lookup sample.
  private keep(p: SampledParty): void {
    this.seen++;
    if (this.sample.length < this.sampleSize) this.sample.push(p);
    else {
      const j = this.rng.int(this.seen);
      if (j < this.sampleSize) this.sample[j] = p;
    }
  }

  // Throws (the domain's own check) if a generated number is not a real one.
  private validate(kind: PartyKind, id: string): void {
    if (parsePartyId(kind, id).value !== id) throw new Error(`a generated ${kind} number is not valid`);
    this.counts.validated++;
  }

  private uuid(): string {
    this.versionSeq++;
    return `b0000000-0000-4000-8000-${this.versionSeq.toString(16).padStart(12, '0')}`;
  }

  private account(): string {
    const reg = REG_NOS[this.rng.int(REG_NOS.length)] as string;
    const no = String(100_000 + this.rng.int(9_999_899_999)).padStart(10, '0');
    return `{"kind":"DK","regNo":"${reg}","accountNo":"${no}"}`;
  }

  // The party's versions: its NemKonto (with an earlier one for some), a pending change for a
  // few, a benefit-specific account for some persons. Returns the number of versions.
  private accounts(kind: string, id: string, benefit: boolean): number {
    const actor = 'bank:DANSKE';
    let n = 0;
    const fromDay = -30 - this.rng.int(5_000);
    const from = this.day(fromDay);
    if (this.rng.chance(0.25)) {
      const earlier = this.day(-5_100 - this.rng.int(3_000));
      const to = this.day(fromDay - 1);
      this.sink.versions.write(
        `${this.uuid()}\t${kind}\t${id}\tNEMKONTO\t${N}\t${N}\t${this.account()}\tACTIVE\tBANK\t${actor}\t${earlier}\t${earlier}\t${to}\t${N}\t${N}\n`,
      );
      n++;
    }
    this.sink.versions.write(
      `${this.uuid()}\t${kind}\t${id}\tNEMKONTO\t${N}\t${N}\t${this.account()}\tACTIVE\tBANK\t${actor}\t${from}\t${from}\t${N}\t${N}\t${N}\n`,
    );
    n++;
    if (this.rng.chance(0.005)) {
      this.counts.pending++;
      const code = this.versionSeq.toString(16).padStart(64, '0');
      this.sink.versions.write(
        `${this.uuid()}\t${kind}\t${id}\tNEMKONTO\t${N}\t${N}\t${this.account()}\tPENDING\tAUTHORITY\tauthority:UDK\t${N}\t${N}\t${N}\t${code}\t${this.day(20 + this.rng.int(40))}\n`,
      );
      n++;
    }
    if (benefit && this.rng.chance(0.01)) {
      this.counts.benefitSpecific++;
      const bFrom = this.day(-this.rng.int(2_000));
      this.sink.versions.write(
        `${this.uuid()}\t${kind}\t${id}\tBENEFIT_SPECIFIC\tUDK\tBOERNEYDELSE\t${this.account()}\tACTIVE\tAUTHORITY\tauthority:UDK\t${bFrom}\t${bFrom}\t${N}\t${N}\t${N}\n`,
      );
      n++;
    }
    this.sink.versionRows += n;
    return n;
  }

  private party(
    kind: string,
    id: string,
    versions: number,
    status: string,
    statusDate: string | null,
    endMarked: string | null,
    movedTo: string | null,
    parent: string | null,
  ): void {
    this.sink.parties.write(
      `${kind}\t${id}\t${versions}\t${status}\t${statusDate ?? N}\t${endMarked ?? N}\t${movedTo ?? N}\t${parent ?? N}\n`,
    );
    this.sink.partyRows++;
  }

  private person(cpr: string): void {
    if (this.counts.persons % VALIDATE_EVERY === 0) this.validate('CPR', cpr);
    this.counts.persons++;
    // An old number points at this one: this one is the current number (one hop, as the register keeps it).
    const pointedAt = this.movedFrom !== null;
    if (this.movedFrom !== null) {
      this.party('CPR', this.movedFrom, 0, 'ACTIVE', null, null, cpr, null);
      this.keep({ kind: 'CPR', value: this.movedFrom, expect: 'MOVED' });
      this.movedFrom = null;
    }
    const dead = this.rng.chance(0.012);
    const hasAccount = this.rng.chance(dead ? 0.97 : 0.92);
    // 1 in 2,000 numbers was replaced: the next person's number is the new one, where the
    // accounts are; the old number's row points at it.
    if (!pointedAt && !dead && !hasAccount && this.rng.chance(0.006)) {
      this.movedFrom = cpr;
      this.counts.moved++;
      return;
    }
    const deathDate = dead ? this.day(-this.rng.int(2_200)) : null;
    // End-marked 3 years after the death (29 February becomes 28 February).
    const endMarked =
      deathDate === null
        ? null
        : `${Number(deathDate.slice(0, 4)) + 3}${deathDate.slice(4)}`.replace('-02-29', '-02-28');
    const versions = hasAccount ? this.accounts('CPR', cpr, true) : 0;
    this.party('CPR', cpr, versions, dead ? 'DEAD' : 'ACTIVE', deathDate, endMarked, null, null);
    if (endMarked !== null) this.counts.endMarked++;
    const ended = endMarked !== null && endMarked <= this.today;
    this.keep({
      kind: 'CPR',
      value: cpr,
      expect: !hasAccount ? 'NO_ACCOUNT' : ended ? 'END_MARKED' : 'ACCOUNT',
    });
  }

  // Persons in the order of their CPR numbers (DDMMYY, then the serial), so parties and their
  // account versions arrive in key order and the index builds after the load sort presorted
  // input. Birth dates cover 105 years (1 January over-represented, as in the CPR register).
  // Every 101st number is held back: a valid number the register lacks.
  *persons(count: number, chunk: number): Generator<RegisterChunk> {
    const firstMs = this.todayMs - Math.floor(105 * 365.25) * DAY_MS;
    const inRange = (y: number, m: number, d: number): boolean => {
      if (!isValidDate(y, m, d)) return false;
      const ms = Date.UTC(y, m - 1, d);
      return ms >= firstMs && ms <= this.todayMs;
    };
    const firstYear = new Date(firstMs).getUTCFullYear();
    const lastYear = new Date(this.todayMs).getUTCFullYear();
    const weight = (m: number, d: number): number => (m === 1 && d === 1 ? 3 : 1);
    let total = 0;
    for (let y = firstYear; y <= lastYear; y++)
      for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) if (inRange(y, m, d)) total += weight(m, d);
    // A little over the count (rounding down per date), so the last dates are never short.
    const perWeight = (count * 1.0101 * 1.002) / total;
    let carry = 0;
    let issued = 0;
    for (let d = 1; d <= 31; d++)
      for (let m = 1; m <= 12; m++)
        for (let yy = 0; yy < 100; yy++) {
          const numbers: string[] = [];
          for (const y of [1900 + yy, 2000 + yy]) {
            if (y < firstYear || y > lastYear || !inRange(y, m, d)) continue;
            const wanted = perWeight * weight(m, d) + carry;
            const n = Math.floor(wanted);
            const got = issueForDate(this.rng, y, m, d, n, weight(m, d) > 1 ? Math.round(n * 0.2) : 0);
            carry = wanted - got.length;
            for (const g of got) numbers.push(g.cpr);
          }
          numbers.sort();
          for (const cpr of numbers) {
            if (this.counts.persons >= count) break;
            issued++;
            if (issued % 101 === 0) this.keep({ kind: 'CPR', value: cpr, expect: 'UNKNOWN' });
            else this.person(cpr);
            if (this.main.partyRows >= chunk) yield this.flush(this.main);
          }
        }
    if (this.counts.persons < count) throw new Error(`only ${this.counts.persons} persons could be issued`);
  }

  *companies(count: number, chunk: number): Generator<RegisterChunk> {
    const series = new NumberSeries(this.rng, Math.ceil(count * 1.1));
    for (let i = 0; i < count; i++) {
      const cvr = series.nextCvr();
      this.counts.companies++;
      const r = this.rng.next();
      const status = r < 0.02 ? 'BANKRUPT' : r < 0.05 ? 'CEASED' : 'ACTIVE';
      const statusDay = -this.rng.int(1_500);
      const statusDate = status === 'ACTIVE' ? null : this.day(statusDay);
      const endMarked =
        statusDate === null ? null : status === 'BANKRUPT' ? statusDate : this.day(statusDay + 360);
      const ended = endMarked !== null && endMarked <= this.today;
      if (endMarked !== null) this.counts.endMarked++;
      const unit = (
        kind: 'CVR' | 'SE' | 'P',
        id: string,
        parent: string | null,
        withAccount: boolean,
      ): void => {
        if (this.sink.partyRows % VALIDATE_EVERY === 0) this.validate(kind, id);
        const versions = withAccount ? this.accounts(kind, id, false) : 0;
        this.party(kind, id, versions, status, statusDate, endMarked, null, parent);
        this.keep({
          kind,
          value: id,
          expect: !withAccount ? 'NO_ACCOUNT' : ended ? 'END_MARKED' : 'ACCOUNT',
        });
      };
      unit('CVR', cvr, null, this.rng.chance(0.9));
      // Some companies pay out to an SE number of their own, some have production units (P).
      // Their rows are kept apart and written after all CVR numbers, in key order.
      if (this.rng.chance(0.08)) {
        this.counts.se++;
        this.sink = this.seUnits;
        unit('SE', series.nextCvr(), cvr, true);
      }
      if (this.rng.chance(0.2)) {
        this.counts.p++;
        this.sink = this.pUnits;
        unit('P', series.nextP(), cvr, this.rng.chance(0.25));
      }
      this.sink = this.main;
      if (this.main.partyRows >= chunk) yield this.flush(this.main);
    }
    for (const sink of [this.main, this.pUnits, this.seUnits]) if (sink.partyRows > 0) yield this.flush(sink);
  }

  private flush(sink: Sink): RegisterChunk {
    const out = {
      parties: sink.parties.take(),
      versions: sink.versions.take(),
      partyRows: sink.partyRows,
      versionRows: sink.versionRows,
    };
    this.counts.partyRows += sink.partyRows;
    this.counts.versionRows += sink.versionRows;
    sink.partyRows = 0;
    sink.versionRows = 0;
    return out;
  }
}
