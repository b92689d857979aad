import { PersonNumberChanged } from '@nemkonto/cpr-cvr-sync-feed-format';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PersonAspects } from './person-aspects';
import { ADDRESS_COLUMNS, addressValues, newerAspectWins } from './newer-aspect-wins';

export interface PersonRow {
  cpr: string;
  first_names: string | null;
  last_name: string | null;
  protected: boolean;
  status: 'A' | 'D' | 'E' | 'U';
  status_date: string | null;
  seq: number;
}

const MERGE = newerAspectWins('p', {
  name: ['first_names', 'last_name'],
  address: ADDRESS_COLUMNS,
  protection: ['protected'],
  status: ['status', 'status_date'],
});

const NEWER = `EXCLUDED.name_seq > p.name_seq OR EXCLUDED.address_seq > p.address_seq
   OR EXCLUDED.protection_seq > p.protection_seq OR EXCLUDED.status_seq > p.status_seq`;

const COLUMNS = `name_seq, address_seq, protection_seq, status_seq, status_date, protected, status, cpr,
  first_names, last_name, street, house_no, floor, door, postcode, city`;

// Every aspect known (the base record arrived, or each aspect came on its own): only then is a
// person published or written to. Before, its protection is unknown, so even its name must wait.
export const PERSON_COMPLETE = `LEAST(name_seq, address_seq, protection_seq, status_seq) > 0`;

export type NumberChangeOutcome = 'moved' | 'linked' | 'superseded';

// The persons table: set-based SQL over a batch (one statement for all aspects of all persons).
@Injectable()
export class PersonStore {
  async upsertAspects(
    m: EntityManager,
    rows: readonly PersonAspects[],
  ): Promise<{ cpr: string; complete: boolean }[]> {
    if (rows.length === 0) return [];
    const col = <T>(f: (r: PersonAspects) => T): T[] => rows.map(f);
    return (await m.query(
      `INSERT INTO persons AS p (${COLUMNS})
       SELECT ns, adrs, ps, sts, sd, pr, st::"char", c, fn, ln, s, h, f, d, pc, ci
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::date[], $6::bool[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[])
           AS x(ns, adrs, ps, sts, sd, pr, st, c, fn, ln, s, h, f, d, pc, ci)
       ON CONFLICT (cpr) DO UPDATE SET ${MERGE}
       WHERE ${NEWER}
       RETURNING cpr, ${PERSON_COMPLETE} AS complete`,
      [
        col((r) => r.nameSeq),
        col((r) => r.addressSeq),
        col((r) => r.protectionSeq),
        col((r) => r.statusSeq),
        col((r) => r.statusDate),
        col((r) => r.protected),
        col((r) => ({ ACTIVE: 'A', DEAD: 'D', EMIGRATED: 'E', INCAPACITATED: 'U' })[r.status]),
        col((r) => r.cpr),
        col((r) => r.firstNames),
        col((r) => r.lastName),
        ...addressValues(rows, (r) => r.address),
      ],
    )) as { cpr: string; complete: boolean }[];
  }

  // Current numbers of the given ones: a number replaced by a CPR-number change leads to the new
  // one (chains followed; a number changed back is current again, so there are no cycles).
  async resolve(m: EntityManager, cprs: readonly string[]): Promise<Map<string, string>> {
    const current = new Map(cprs.map((c) => [c, c]));
    let pending = [...new Set(cprs)];
    for (let depth = 0; depth < 8 && pending.length > 0; depth++) {
      const links = (await m.query(
        `SELECT old_cpr, new_cpr FROM person_number_changes WHERE old_cpr = ANY($1::text[])`,
        [pending],
      )) as { old_cpr: string; new_cpr: string }[];
      const next = new Map(links.map((l) => [l.old_cpr, l.new_cpr]));
      for (const [original, now] of current) {
        const moved = next.get(now);
        if (moved !== undefined && moved !== original) current.set(original, moved);
      }
      pending = links.map((l) => l.new_cpr);
    }
    return current;
  }

  // old → new: the link is kept (events naming the old number still apply), and the person's row
  // moves to the new number, merged aspect by aspect with anything already known under it.
  async changeNumber(m: EntityManager, e: PersonNumberChanged): Promise<NumberChangeOutcome> {
    const links = (await m.query(
      `SELECT old_cpr, sequence_no::float8 AS seq FROM person_number_changes WHERE old_cpr = ANY($1::text[])`,
      [[e.cpr, e.previousCpr]],
    )) as { old_cpr: string; seq: number }[];
    const fromNew = links.find((l) => l.old_cpr === e.cpr);
    const fromOld = links.find((l) => l.old_cpr === e.previousCpr);
    // A later change gave up the new number again, or moved the old one elsewhere: older news.
    if ((fromNew && fromNew.seq > e.sequenceNo) || (fromOld && fromOld.seq >= e.sequenceNo))
      return 'superseded';
    await m.query(
      `INSERT INTO person_number_changes (old_cpr, new_cpr, sequence_no, effective_date) VALUES ($1, $2, $3, $4)
       ON CONFLICT (old_cpr) DO UPDATE SET new_cpr = EXCLUDED.new_cpr, sequence_no = EXCLUDED.sequence_no,
              effective_date = EXCLUDED.effective_date`,
      [e.previousCpr, e.cpr, e.sequenceNo, e.effectiveDate],
    );
    // The new number is in use from now on (it may have been given up before and come back).
    if (fromNew) await m.query(`DELETE FROM person_number_changes WHERE old_cpr = $1`, [e.cpr]);
    const moved = (await m.query(
      `WITH moved AS (DELETE FROM persons WHERE cpr = $1 RETURNING *)
       INSERT INTO persons AS p (${COLUMNS})
       SELECT name_seq, address_seq, protection_seq, status_seq, status_date, protected, status, $2,
              first_names, last_name, street, house_no, floor, door, postcode, city FROM moved
       ON CONFLICT (cpr) DO UPDATE SET ${MERGE}
       RETURNING cpr`,
      [e.previousCpr, e.cpr],
    )) as unknown[];
    return moved.length > 0 ? 'moved' : 'linked';
  }

  // Complete persons only; the sequence number is the newest aspect's or number change's.
  async states(m: EntityManager, cprs: readonly string[]): Promise<PersonRow[]> {
    if (cprs.length === 0) return [];
    return (await m.query(
      `SELECT cpr, first_names, last_name, protected, status, to_char(status_date, 'YYYY-MM-DD') AS status_date,
              GREATEST(name_seq, address_seq, protection_seq, status_seq,
                       (SELECT max(n.sequence_no) FROM person_number_changes n WHERE n.new_cpr = persons.cpr))::float8 AS seq
         FROM persons WHERE cpr = ANY($1::text[]) AND ${PERSON_COMPLETE} ORDER BY cpr`,
      [cprs],
    )) as PersonRow[];
  }
}
