// The benchmark's input, the same for both paths: a register of N parties (CPR numbers with valid
// dates, each with a Danish NemKonto) loaded straight into the projection table, and bundles of
// pain.001 from the authority simulator naming those parties.
import { Client } from 'pg';
import { AuthoritySimulator } from '../../apps/authority-simulator/src/authority-simulator';

export interface Bundle {
  readonly msgId: string;
  readonly document: Buffer;
  readonly payments: number;
  readonly invalid: number;
}

// The i-th party's CPR number: 33,600 valid dates (day 1-28, month 1-12, year 00-99) times
// sequence numbers 1000-9999. The same formula in SQL (loadRegister) and here.
export function cprOf(i: number): string {
  const d = i % 33_600;
  const seq = 1000 + Math.floor(i / 33_600);
  const day = String((d % 28) + 1).padStart(2, '0');
  const month = String((Math.floor(d / 28) % 12) + 1).padStart(2, '0');
  const year = String(Math.floor(d / 336) % 100).padStart(2, '0');
  return `${day}${month}${year}${seq}`;
}

// Loads the register into a `party_accounts` table (enrichment's projection layout) in one
// set-based statement; returns the seconds it took.
export async function loadRegister(dbUrl: string, table: string, parties: number): Promise<number> {
  const started = Date.now();
  const client = new Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO ${table} (party_kind, party_id, party_version, nemkonto, benefit_specific)
       SELECT 'CPR', cpr, 1,
              json_build_array(json_build_object(
                'account', json_build_object('kind', 'DK', 'regNo', '0040', 'accountNo', lpad((3000000 + i)::text, 10, '0')),
                'effectiveFrom', '2020-01-01', 'effectiveTo', null)),
              '[]'::json
         FROM (SELECT i, lpad(((d % 28) + 1)::text, 2, '0') || lpad((((d / 28) % 12) + 1)::text, 2, '0')
                         || lpad(((d / 336) % 100)::text, 2, '0') || (1000 + i / 33600)::text AS cpr
                 FROM (SELECT i, i % 33600 AS d FROM generate_series(0, $1::int - 1) AS i) g) p`,
      [parties],
    );
    await client.query(`ANALYZE ${table}`);
  } finally {
    await client.end();
  }
  return (Date.now() - started) / 1000;
}

// Bundles of `perBundle` payments, recipients spread over the whole register, 1 % invalid on
// purpose (rejected in answer 2) and 10 % complete (with the creditor's account).
export function buildBundles(
  payments: number,
  perBundle: number,
  parties: number,
  executionDate: string,
): Bundle[] {
  const simulator = new AuthoritySimulator({
    amqpUrl: 'amqp://unused',
    authorityId: 'UDK',
    authorityName: 'Udbetaling Danmark',
    debitAccount: '02164069158738',
  });
  const bundles: Bundle[] = [];
  for (let b = 0; b * perBundle < payments; b++) {
    const n = Math.min(perBundle, payments - b * perBundle);
    const msgId = `UDK-BENCH-${String(b + 1).padStart(5, '0')}`;
    const recipients = Array.from({ length: n }, (_, i) => ({
      scheme: 'CPR' as const,
      id: cprOf(((b * perBundle + i) * 7919) % parties),
    }));
    const built = simulator.buildBundle({
      msgId,
      payments: n,
      recipients,
      errorShare: 0.01,
      completeShare: 0.1,
      requestedExecutionDate: executionDate,
    });
    bundles.push({
      msgId,
      document: Buffer.from(built.document, 'utf8'),
      payments: n,
      invalid: built.invalid,
    });
  }
  return bundles;
}
