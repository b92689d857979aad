import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CompanyAspects, UnitNumber } from './company-aspects';
import { ADDRESS_COLUMNS, addressValues, newerAspectWins } from './newer-aspect-wins';

export interface CompanyRow {
  cvr: string;
  name: string | null;
  status: 'A' | 'B' | 'C';
  status_date: string | null;
  se_numbers: string[];
  p_numbers: string[];
  seq: number;
}

const MERGE = newerAspectWins('c', {
  name: ['name'],
  address: ADDRESS_COLUMNS,
  status: ['status', 'status_date'],
});

// Every aspect known (as for persons): only then is a company published or written to.
export const COMPANY_COMPLETE = `LEAST(c.name_seq, c.address_seq, c.status_seq) > 0`;

const STATUS_CODE = { ACTIVE: 'A', BANKRUPT: 'B', CEASED: 'C' } as const;

// Companies and their SE and P numbers: set-based SQL over a batch.
@Injectable()
export class CompanyStore {
  async upsertAspects(
    m: EntityManager,
    rows: readonly CompanyAspects[],
  ): Promise<{ cvr: string; complete: boolean }[]> {
    if (rows.length === 0) return [];
    const col = <T>(f: (r: CompanyAspects) => T): T[] => rows.map(f);
    return (await m.query(
      `INSERT INTO companies AS c (name_seq, address_seq, status_seq, status_date, status, cvr, name, street, house_no, floor, door, postcode, city)
       SELECT ns, adrs, sts, sd, st::"char", v, n, s, h, f, d, pc, ci
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::date[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
           AS x(ns, adrs, sts, sd, st, v, n, s, h, f, d, pc, ci)
       ON CONFLICT (cvr) DO UPDATE SET ${MERGE}
       WHERE EXCLUDED.name_seq > c.name_seq OR EXCLUDED.address_seq > c.address_seq OR EXCLUDED.status_seq > c.status_seq
       RETURNING cvr, ${COMPANY_COMPLETE} AS complete`,
      [
        col((r) => r.nameSeq),
        col((r) => r.addressSeq),
        col((r) => r.statusSeq),
        col((r) => r.statusDate),
        col((r) => STATUS_CODE[r.status]),
        col((r) => r.cvr),
        col((r) => r.name),
        ...addressValues(rows, (r) => r.address),
      ],
    )) as { cvr: string; complete: boolean }[];
  }

  // Returns the companies whose numbers changed. A number re-added under another CVR moves there.
  async upsertUnits(m: EntityManager, table: 'se' | 'p', units: readonly UnitNumber[]): Promise<string[]> {
    if (units.length === 0) return [];
    const [name, column] =
      table === 'se' ? ['company_se_numbers', 'se_number'] : ['company_p_numbers', 'p_number'];
    const col = <T>(f: (u: UnitNumber) => T): T[] => units.map(f);
    const rows = (await m.query(
      `INSERT INTO ${name} AS u (sequence_no, ${column}, cvr, street, house_no, floor, door, postcode, city)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       ON CONFLICT (${column}) DO UPDATE SET sequence_no = EXCLUDED.sequence_no, cvr = EXCLUDED.cvr,
              street = EXCLUDED.street, house_no = EXCLUDED.house_no, floor = EXCLUDED.floor, door = EXCLUDED.door,
              postcode = EXCLUDED.postcode, city = EXCLUDED.city
        WHERE u.sequence_no < EXCLUDED.sequence_no
       RETURNING cvr`,
      [
        col((u) => u.sequenceNo),
        col((u) => u.number),
        col((u) => u.cvr),
        ...addressValues(units, (u) => u.address),
      ],
    )) as { cvr: string }[];
    return rows.map((r) => r.cvr);
  }

  async states(m: EntityManager, cvrs: readonly string[]): Promise<CompanyRow[]> {
    if (cvrs.length === 0) return [];
    return (await m.query(
      `SELECT c.cvr, c.name, c.status, to_char(c.status_date, 'YYYY-MM-DD') AS status_date,
              coalesce(se.nums, '{}') AS se_numbers, coalesce(pn.nums, '{}') AS p_numbers,
              GREATEST(c.name_seq, c.address_seq, c.status_seq, coalesce(se.seq, 0), coalesce(pn.seq, 0))::float8 AS seq
         FROM companies c
         LEFT JOIN LATERAL (SELECT array_agg(se_number ORDER BY se_number) AS nums, max(sequence_no) AS seq
                              FROM company_se_numbers WHERE cvr = c.cvr) se ON true
         LEFT JOIN LATERAL (SELECT array_agg(p_number ORDER BY p_number) AS nums, max(sequence_no) AS seq
                              FROM company_p_numbers WHERE cvr = c.cvr) pn ON true
        WHERE c.cvr = ANY($1::text[]) AND ${COMPANY_COMPLETE}
        ORDER BY c.cvr`,
      [cvrs],
    )) as CompanyRow[];
  }
}
