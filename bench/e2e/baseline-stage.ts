// The framework-free baseline's stages, one per process (`node -r ./tools/register.js
// baseline-stage.ts <stage> <dbUrl> <schema> <amqpUrl>`): bare amqplib + pg + saxes doing the
// system's essential work with none of its machinery (no Nest, no envelopes or schema validation,
// no outbox or inbox, no answers or history):
//   intake     bundle queue → saxes parse → payments rows → chunks of 1,000 to `received`
//   enrichment `received` → one lookup per chunk in party_accounts → chunk to `completed`
//   dispatch   `completed` → dispatch rows; every 200 ms, due rows → one PAYMUL-like text per
//              10,000 → interchange row, rows marked SENT, text published to `orders`
// Each delivery is acked after its database work committed and its publish was confirmed.
import { ConfirmChannel, ConsumeMessage, connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { SaxesParser } from 'saxes';
import { BASELINE_QUEUES } from './baseline-queues';

interface Payment {
  id: string;
  e2e: string;
  amountOre: number;
  creditor: string;
  account: string | null;
  advice: string;
  date: string;
}

const [stage, dbUrl, schema, amqpUrl] = process.argv.slice(2) as [string, string, string, string];
const pool = new Pool({ connectionString: dbUrl, max: 4, options: `-c search_path=${schema}` });

async function inTx<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const result = await work(c);
    await c.query('COMMIT');
    return result;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}

function send(ch: ConfirmChannel, queue: string, body: unknown): Promise<void> {
  return new Promise((resolve, reject) =>
    ch.sendToQueue(queue, Buffer.from(JSON.stringify(body)), { persistent: true }, (err) =>
      err ? reject(err) : resolve(),
    ),
  );
}

function parseBundle(xml: string): Payment[] {
  const parser = new SaxesParser();
  const out: Payment[] = [];
  const path: string[] = [];
  let text = '';
  let date = '';
  let tx: Partial<Payment> = {};
  parser.on('opentag', (t) => {
    path.push(t.name);
    text = '';
    if (t.name === 'CdtTrfTxInf') tx = { account: null };
  });
  parser.on('text', (t) => (text += t));
  parser.on('closetag', (t) => {
    const parent = path[path.length - 2];
    if (t.name === 'Dt' && parent === 'ReqdExctnDt') date = text;
    else if (t.name === 'EndToEndId') tx.e2e = text;
    else if (t.name === 'InstdAmt')
      tx.amountOre = /^\d{1,15}(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : 0;
    else if (t.name === 'Id' && parent === 'Othr' && path.includes('Cdtr')) tx.creditor = text;
    else if (t.name === 'Id' && parent === 'Othr' && path.includes('CdtrAcct')) tx.account = text;
    else if (t.name === 'Ustrd') tx.advice = text;
    else if (t.name === 'CdtTrfTxInf') {
      const ok =
        (tx.amountOre ?? 0) > 0 &&
        /^\d{10}$/.test(tx.creditor ?? '') &&
        Number(tx.creditor?.slice(0, 2)) <= 31;
      if (ok) out.push({ ...(tx as Payment), id: randomUUID(), date });
    }
    path.pop();
  });
  parser.write(xml).close();
  return out;
}

async function intake(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
  const payments = parseBundle(msg.content.toString('utf8'));
  await inTx(async (c) => {
    for (let i = 0; i < payments.length; i += 1000) {
      const p = payments.slice(i, i + 1000);
      await c.query(
        `INSERT INTO payments (payment_id, end_to_end_id, amount_ore, creditor, creditor_account, advice_text, execution_date)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::date[])`,
        [
          p.map((x) => x.id),
          p.map((x) => x.e2e),
          p.map((x) => x.amountOre),
          p.map((x) => x.creditor),
          p.map((x) => x.account),
          p.map((x) => x.advice),
          p.map((x) => x.date),
        ],
      );
    }
  });
  const sends: Promise<void>[] = [];
  for (let i = 0; i < payments.length; i += 1000)
    sends.push(send(ch, BASELINE_QUEUES.received, payments.slice(i, i + 1000)));
  await Promise.all(sends);
}

async function enrichment(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
  const payments = JSON.parse(msg.content.toString('utf8')) as Payment[];
  const wanted = payments.filter((p) => p.account === null).map((p) => p.creditor);
  const { rows } = await pool.query<{ party_id: string; account: string }>(
    `SELECT party_id, (nemkonto -> 0 -> 'account' ->> 'regNo') || (nemkonto -> 0 -> 'account' ->> 'accountNo') AS account
       FROM party_accounts WHERE party_kind = 'CPR' AND party_id = ANY($1::text[])`,
    [wanted],
  );
  const accounts = new Map(rows.map((r) => [r.party_id, r.account]));
  const completed = payments
    .map((p) => ({ ...p, account: p.account ?? accounts.get(p.creditor) ?? null }))
    .filter((p) => p.account !== null);
  await send(ch, BASELINE_QUEUES.completed, completed);
}

async function dispatchChunk(_ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
  const p = JSON.parse(msg.content.toString('utf8')) as Payment[];
  await pool.query(
    `INSERT INTO dispatch (payment_id, amount_ore, creditor_account, advice_text, execution_date, state)
     SELECT *, 'SCHEDULED' FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::date[])
     ON CONFLICT (payment_id) DO NOTHING`,
    [
      p.map((x) => x.id),
      p.map((x) => x.amountOre),
      p.map((x) => x.account),
      p.map((x) => x.advice),
      p.map((x) => x.date),
    ],
  );
}

const esc = (s: string): string => s.replace(/([?'+:])/g, '?$1');

async function sendDue(ch: ConfirmChannel): Promise<number> {
  let sent = 0;
  for (;;) {
    const n = await inTx(async (c) => {
      const { rows } = await c.query<{
        payment_id: string;
        amount_ore: string;
        creditor_account: string;
        advice_text: string;
      }>(
        `SELECT payment_id, amount_ore, creditor_account, advice_text FROM dispatch
          WHERE state = 'SCHEDULED' ORDER BY payment_id LIMIT 10000 FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const ref = `BL${Date.now()}${sent}`;
      const segs = [`UNB+UNOC:3+NEMKONTO+BANK+${ref}'`, `UNH+1+PAYMUL:D:96A:UN'`];
      for (const [i, r] of rows.entries()) {
        segs.push(
          `SEQ++${i + 1}'`,
          `MOA+9:${(Number(r.amount_ore) / 100).toFixed(2)}'`,
          `RFF+CR:${r.payment_id.replace(/-/g, '')}'`,
          `FII+BF+${r.creditor_account.slice(4)}:${r.creditor_account.slice(0, 4)}'`,
          `FTX+PMD+++${esc(r.advice_text)}'`,
        );
      }
      segs.push(`UNT+${segs.length}+1'`, `UNZ+1+${ref}'`);
      const text = segs.join('');
      await c.query('INSERT INTO interchanges (control_ref, payment_count, document) VALUES ($1, $2, $3)', [
        ref,
        rows.length,
        text,
      ]);
      await c.query(
        `UPDATE dispatch SET state = 'SENT', interchange_ref = $2 WHERE payment_id = ANY($1::uuid[])`,
        [rows.map((r) => r.payment_id), ref],
      );
      await new Promise<void>((resolve, reject) =>
        ch.sendToQueue(BASELINE_QUEUES.orders, Buffer.from(text, 'latin1'), { persistent: true }, (err) =>
          err ? reject(err) : resolve(),
        ),
      );
      return rows.length;
    });
    if (n === 0) return sent;
    sent += n;
  }
}

async function main(): Promise<void> {
  const conn = await connect(amqpUrl);
  const ch = await conn.createConfirmChannel();
  const queue = {
    intake: BASELINE_QUEUES.bundles,
    enrichment: BASELINE_QUEUES.received,
    dispatch: BASELINE_QUEUES.completed,
  }[stage as 'intake' | 'enrichment' | 'dispatch'];
  const handler = { intake, enrichment, dispatch: dispatchChunk }[
    stage as 'intake' | 'enrichment' | 'dispatch'
  ];
  await ch.prefetch(stage === 'intake' ? 2 : 20);
  await ch.consume(queue, (msg) => {
    if (!msg) return;
    handler(ch, msg).then(
      () => ch.ack(msg),
      (err: unknown) => {
        process.stderr.write(`baseline ${stage}: ${String(err)}\n`);
        process.exit(1);
      },
    );
  });
  if (stage === 'dispatch') {
    const tick = (): void => {
      void sendDue(ch).then(
        () => setTimeout(tick, 200),
        (err: unknown) => {
          process.stderr.write(`baseline dispatch: ${String(err)}\n`);
          process.exit(1);
        },
      );
    };
    tick();
  }
  process.send?.('ready');
  process.once('SIGTERM', () => void conn.close().finally(() => pool.end().finally(() => process.exit(0))));
}

void main();
