import {
  parseDataRecord,
  readFeedLines,
  parseStartRecord,
  PersonCreated,
  FeedEvent,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { Cpr, Cvr, PNumber, SeNumber } from '@nemkonto/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cvrCheckDigit, NumberSeries } from './cvr-numbers';
import { NO_MODULUS_11_YEARS, hasModulus11, issueForDate, seventhDigitsFor } from './cpr-numbers';
import { generateChanges, writeChangeFiles, writeInitialExtract } from './generate-files';
import { generateCompanies, generatePersons } from './population';
import { Rng } from './rng';

const people = (count: number, seed = 7): PersonCreated[] => {
  const out: PersonCreated[] = [];
  generatePersons(new Rng(seed), { count, today: '2026-01-05' }, (p) => out.push(p));
  return out;
};

async function readAll(path: string): Promise<{ events: FeedEvent[]; bad: number }> {
  const events: FeedEvent[] = [];
  let bad = 0;
  for await (const b of readFeedLines(path)) {
    for (const line of b.lines) {
      if (line.startsWith('000') || line.startsWith('999')) continue;
      const r = parseDataRecord(line);
      if (r.ok) events.push(r.value);
      else bad++;
    }
  }
  return { events, bad };
}

describe('feed generator: CPR numbers', () => {
  it('gives every birth year the century digits of the CPR rules', () => {
    expect(seventhDigitsFor(1890)).toEqual([5, 6, 7, 8]);
    expect(seventhDigitsFor(1930)).toEqual([0, 1, 2, 3]);
    expect(seventhDigitsFor(1975)).toEqual([0, 1, 2, 3, 4, 9]);
    expect(seventhDigitsFor(2020)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('issues distinct valid numbers for a date, with modulus 11 unless asked otherwise', () => {
    const issued = issueForDate(new Rng(1), 1985, 1, 1, 300, 40);
    expect(new Set(issued.map((i) => i.cpr)).size).toBe(300);
    for (const i of issued) {
      const cpr = Cpr.parse(i.cpr);
      expect(cpr.birthDate).toBe('1985-01-01');
      expect(cpr.hasModulus11).toBe(i.modulus11);
      expect(cpr.sex === 'female').toBe(i.female);
    }
    expect(issued.filter((i) => !i.modulus11)).toHaveLength(40);
  });

  it('generates a population whose numbers are all valid, unique, of the right century and sex', () => {
    const persons = people(20_000);
    expect(persons).toHaveLength(20_000);
    expect(new Set(persons.map((p) => p.cpr)).size).toBe(20_000);
    let withoutMod11 = 0;
    for (const p of persons) {
      const cpr = Cpr.parse(p.cpr);
      expect(cpr.birthDate <= '2026-01-05').toBe(true);
      if (!hasModulus11(p.cpr)) {
        withoutMod11++;
        // Only 1 January of the years the CPR office lists.
        expect(cpr.birthDate.slice(5)).toBe('01-01');
        expect(NO_MODULUS_11_YEARS.has(Number(cpr.birthDate.slice(0, 4)))).toBe(true);
      }
    }
    expect(withoutMod11).toBeGreaterThan(0);
    const ages = persons.map((p) => 2026 - Number(Cpr.parse(p.cpr).birthDate.slice(0, 4)));
    expect(Math.min(...ages)).toBeLessThan(3);
    expect(Math.max(...ages)).toBeGreaterThan(95);
    const female = persons.filter((p) => Cpr.parse(p.cpr).sex === 'female').length / persons.length;
    expect(female).toBeGreaterThan(0.45);
    expect(female).toBeLessThan(0.55);
    expect(persons.filter((p) => p.protected).length).toBeGreaterThan(100);
    expect(persons.filter((p) => p.status === 'DEAD').length).toBeGreaterThan(50);
  });

  it('is reproducible from its seed', () => {
    expect(people(500, 3)).toEqual(people(500, 3));
    expect(people(500, 3)).not.toEqual(people(500, 4));
  });
});

describe('feed generator: companies', () => {
  it('issues CVR numbers with modulus 11, SE and P numbers of the right form, all unique', () => {
    expect(cvrCheckDigit('1374813')).toBe(6);
    const events: FeedEvent[] = [];
    const rng = new Rng(5);
    generateCompanies(rng, { count: 2000, today: '2026-01-05' }, new NumberSeries(rng, 2000), (e) =>
      events.push(e),
    );
    const cvrs = events.flatMap((e) => (e.type === 'company.created' ? [e.cvr] : []));
    const se = events.flatMap((e) => (e.type === 'company.se-number-added' ? [e.seNumber] : []));
    const p = events.flatMap((e) => (e.type === 'company.p-number-added' ? [e.pNumber] : []));
    expect(cvrs).toHaveLength(2000);
    expect(cvrs.every((c) => Cvr.isValid(c))).toBe(true);
    expect(se.length).toBeGreaterThan(50);
    expect(se.every((s) => SeNumber.isValid(s))).toBe(true);
    expect(p.length).toBeGreaterThanOrEqual(2000);
    expect(p.every((x) => PNumber.isValid(x))).toBe(true);
    expect(new Set([...cvrs, ...se]).size).toBe(cvrs.length + se.length);
    expect(new Set(p).size).toBe(p.length);
    expect(events.map((e) => e.sequenceNo)).toEqual(events.map((_, i) => i + 1));
  });
});

describe('feed generator: files', () => {
  it('writes an initial extract and a change stream that the record reader accepts in full', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-gen-'));
    const [cprFile, cvrFile] = writeInitialExtract({
      outDir: dir,
      persons: 3000,
      companies: 400,
      seed: 11,
      today: '2026-01-05',
    });
    const initial = await readAll(cprFile!.path);
    expect(initial).toMatchObject({ bad: 0 });
    expect(initial.events).toHaveLength(3000);
    expect((await readAll(cvrFile!.path)).bad).toBe(0);

    const changes = await generateChanges({
      basePaths: [cprFile!.path, cvrFile!.path],
      events: 2000,
      seed: 12,
      today: '2026-01-06',
    });
    expect(changes.persons.length + changes.companies.length).toBeGreaterThanOrEqual(2000);
    // Sequence numbers continue after the extract's.
    expect(changes.persons[0]?.sequenceNo).toBe(3001);
    const kinds = new Set([...changes.persons, ...changes.companies].map((e) => e.type));
    for (const t of [
      'person.address-changed',
      'person.created',
      'person.status-changed',
      'person.name-changed',
      'company.created',
      'company.status-changed',
    ]) {
      expect(kinds).toContain(t);
    }
    const files = writeChangeFiles(dir, '2026-01-06', changes);
    for (const f of files) {
      const read = await readAll(f.path);
      expect(read.bad).toBe(0);
      expect(read.events.length).toBe(f.records);
    }
    const [first] = (await readFeedLines(files[0]!.path)[Symbol.asyncIterator]().next()).value!.lines;
    rmSync(dir, { recursive: true, force: true });
    expect(parseStartRecord(first!)).toMatchObject({
      ok: true,
      value: { source: 'CPR', kind: 'CHANGE', firstSequenceNo: 3001 },
    });
  });
});
