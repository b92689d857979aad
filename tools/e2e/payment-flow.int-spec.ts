// The whole payment flow across real service processes (intake, enrichment, dispatch), with the
// test as the authority's payment system and a simulated bank on the broker: a bundle in over
// AMQP as the authority's own user; completion from the register projection; PAYMUL out to the
// bank's queue (read by the published npm EDIFACT parser); CONTRL and BANSTA back; every payment's
// answer (2, 7, 8, 9, and 5 for a stop) on the authority's queue, each pain.002 valid against the
// XSD; reconciliation balanced; where-is-my-payment shows the history across the services.
import { createEnvelope } from '@nemkonto/platform-messaging';
import { createServiceDataSource, migrateServiceSchema } from '@nemkonto/platform-persistence';
import {
  IntegrationContext,
  createIntegrationContext,
  expectEventually,
  parseWithPublishedEdifactParser,
} from '@nemkonto/testing';
import { connect } from 'amqplib';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { serviceDefinition as enrichmentDefinition } from '../../apps/account-enrichment/src/service.definition';
import { AuthoritySimulator } from '../../apps/authority-simulator/src/authority-simulator';
import { BankSimulator } from '../../apps/bank-simulator/src/bank-simulator';
import { serviceDefinition as dispatchDefinition } from '../../apps/bank-dispatch/src/service.definition';
import { serviceDefinition as intakeDefinition } from '../../apps/payment-intake/src/service.definition';

jest.setTimeout(180_000);

const root = join(__dirname, '..', '..');
const TOKEN = 'udk-test-token-0123456789';
const pain002Xsd = readFileSync(
  join(root, 'libs/payment-intake/pain002/schema/nemkonto-pain.002.001.10.xsd'),
  'utf8',
);
// Valid dates of birth (1 January 1965) with different sequence numbers.
const REGISTER = Array.from({ length: 40 }, (_, i) => `010165${String(1000 + i * 7).slice(-4)}`);
const WITHOUT_NEMKONTO = REGISTER.slice(-5);

describe('payment flow: authority → intake → enrichment → dispatch → bank → answers (real processes)', () => {
  let infra: IntegrationContext;
  const children: ChildProcess[] = [];
  const base = 41000 + Math.floor(Math.random() * 9000);
  const ports = { intake: base, enrichment: base + 1, dispatch: base + 2 };
  let authority: AuthoritySimulator;
  let bank: BankSimulator;
  const paymuls: string[] = [];
  let closeTap: () => Promise<void> = async () => undefined;

  function start(app: string, schema: string, port: number): void {
    const child = spawn(process.execPath, ['-r', './tools/register.js', `apps/${app}/src/main.ts`], {
      cwd: root,
      env: {
        ...process.env,
        NK_DB_URL: infra.dbUrl,
        NK_DB_SCHEMA: schema,
        NK_AMQP_URL: infra.amqpUrl,
        NK_HTTP_PORT: String(port),
        NK_LOG_LEVEL: 'warn',
        NK_JOB_INTERVAL_MS: '200',
      },
      stdio: [
        'ignore',
        process.env['NK_FLOW_LOGS'] ? openSync(`${process.env['NK_FLOW_LOGS']}/${app}.log`, 'w') : 'ignore',
        'inherit',
      ],
    });
    children.push(child);
  }

  const ready = (port: number): Promise<unknown> =>
    expectEventually(
      async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200),
      { timeoutMs: 60_000, intervalMs: 200 },
    );

  const get = async <T>(path: string): Promise<T> =>
    (await (
      await fetch(`http://127.0.0.1:${ports.intake}${path}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).json()) as T;

  beforeAll(async () => {
    infra = await createIntegrationContext('flow');
    const user = decodeURIComponent(new URL(infra.amqpUrl).username) || 'guest';
    for (const [def, schema] of [
      [intakeDefinition, `${infra.schema}_intake`],
      [enrichmentDefinition, `${infra.schema}_enrichment`],
      [dispatchDefinition, `${infra.schema}_dispatch`],
    ] as const) {
      const ds = createServiceDataSource({
        url: infra.dbUrl,
        schema,
        applicationName: 'flow-migrate',
        migrations: def.migrations,
      });
      await ds.initialize();
      await migrateServiceSchema(ds);
      if (def.name === 'payment-intake') {
        await ds.query(
          `INSERT INTO authorities (authority_id, name, broker_user, api_token_sha256) VALUES ('UDK', 'Udbetaling Danmark', $1, $2)`,
          [user, createHash('sha256').update(TOKEN).digest('hex')],
        );
        await ds.query(`INSERT INTO authority_debit_accounts VALUES ('UDK', '0216', '4069158738', 'DANSKE')`);
      }
      if (def.name === 'bank-dispatch') {
        // Cut-off 23:59 and 10 banking days' lead: every payment of the test is due at once,
        // except the one 60 days ahead kept back for the stop request.
        await ds.query(
          `INSERT INTO banks (bank_id, name, broker_user, edifact_id, cutoff_time, lead_banking_days)
           VALUES ('DANSKE', 'Danske Bank', $1, '5790000243440', '23:59', 10)`,
          [user],
        );
        await ds.query(`INSERT INTO bank_reg_ranges VALUES ('DANSKE', 0, 999)`);
      }
      await ds.destroy();
    }
    start('payment-intake', `${infra.schema}_intake`, ports.intake);
    start('account-enrichment', `${infra.schema}_enrichment`, ports.enrichment);
    start('bank-dispatch', `${infra.schema}_dispatch`, ports.dispatch);
    await Promise.all([ready(ports.intake), ready(ports.enrichment), ready(ports.dispatch)]);

    // The register sample: every recipient but the last five has a NemKonto.
    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createConfirmChannel();
    for (const [i, cpr] of REGISTER.filter((c) => !WITHOUT_NEMKONTO.includes(c)).entries()) {
      const e = createEnvelope(
        'registry.account-changed',
        {
          party: { kind: 'CPR', value: cpr },
          partyVersion: 1,
          nemkonto: [
            {
              account: { kind: 'DK', regNo: '0040', accountNo: String(1000 + i).padStart(10, '0') },
              effectiveFrom: '2020-01-01',
              effectiveTo: null,
            },
          ],
          benefitSpecific: [],
          endMarkedFrom: null,
        },
        { producer: 'account-registry' },
      );
      ch.publish('nemkonto.registry', 'registry.account-changed', Buffer.from(JSON.stringify(e)), {
        persistent: true,
        mandatory: true,
      });
    }
    await ch.waitForConfirms();
    // A copy of every interchange sent to the bank, for the published parser.
    const tapCh = await conn.createChannel();
    const q = await tapCh.assertQueue('', { exclusive: true });
    await tapCh.bindQueue(q.queue, 'nemkonto.bank-orders', 'DANSKE');
    await tapCh.consume(q.queue, (m) => m && paymuls.push(m.content.toString('latin1')), { noAck: true });
    closeTap = () => conn.close();

    authority = new AuthoritySimulator({
      amqpUrl: infra.amqpUrl,
      authorityId: 'UDK',
      authorityName: 'Udbetaling Danmark',
      debitAccount: '02164069158738',
    });
    await authority.start();
    bank = new BankSimulator({
      amqpUrl: infra.amqpUrl,
      bankId: 'DANSKE',
      edifactId: '5790000243440',
      rejectShare: 0.1,
      rejectCode: 'ACCOUNT_CLOSED',
    });
    await bank.start();
  });

  afterAll(async () => {
    await authority?.stop();
    await bank?.stop();
    await closeTap();
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
    );
    const cleanup = createServiceDataSource({
      url: infra.dbUrl,
      schema: 'public',
      applicationName: 'flow-cleanup',
    });
    await cleanup.initialize();
    for (const s of ['intake', 'enrichment', 'dispatch'])
      await cleanup.query(`DROP SCHEMA IF EXISTS ${infra.schema}_${s} CASCADE`);
    await cleanup.destroy();
    await infra.dispose();
  });

  it('answers every payment exactly once with its fate, and the bundle reconciles', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { document, transactions, invalid } = authority.buildBundle({
      msgId: 'UDK-FLOW-0001',
      payments: 300,
      recipients: REGISTER.map((id) => ({ scheme: 'CPR' as const, id })),
      errorShare: 0.05,
      completeShare: 0.1,
      requestedExecutionDate: today,
    });
    await authority.sendBundle('UDK-FLOW-0001', document);
    const ids = transactions.map((t) => t.endToEndId);
    const done = await authority.waitForFinalAnswers(ids, 90_000);
    if (!done) {
      const dbg = createServiceDataSource({
        url: infra.dbUrl,
        schema: `${infra.schema}_intake`,
        applicationName: 'dbg',
      });
      await dbg.initialize();
      console.log(
        JSON.stringify(authority.summary()),
        JSON.stringify(await dbg.query('SELECT state, count(*) FROM payments GROUP BY 1')),
        JSON.stringify(
          await dbg.query(
            `SELECT message_type, last_error, count(*) FROM ${infra.schema}_dispatch.outbox WHERE sent_at IS NULL GROUP BY 1,2`,
          ),
        ),
        JSON.stringify(
          await dbg.query(
            `SELECT state, reason, count(*) FROM ${infra.schema}_dispatch.dispatch_payments GROUP BY 1,2`,
          ),
        ),
        JSON.stringify(await dbg.query(`SELECT outcome, detail FROM ${infra.schema}_dispatch.bank_answers`)),
        JSON.stringify(bank.stats),
      );
      await dbg.destroy();
    }
    expect(done).toBe(true);

    // Exactly one final answer per payment.
    for (const id of ids) {
      const finals = (authority.byPayment.get(id) ?? []).filter((c) => [2, 5, 7, 8, 9].includes(c));
      expect(finals).toHaveLength(1);
    }
    const count = (code: number): number =>
      ids.filter((id) => authority.byPayment.get(id)?.includes(code)).length;
    expect(count(2)).toBe(invalid);
    expect(invalid).toBeGreaterThan(0);
    const payable = transactions.filter((t) => !(authority.byPayment.get(t.endToEndId) ?? []).includes(2));
    const noAccount = payable.filter((t) => WITHOUT_NEMKONTO.includes(t.creditor.id) && !t.creditorAccount);
    expect(count(7)).toBe(noAccount.length);
    expect(noAccount.length).toBeGreaterThan(0);
    expect(count(8) + count(9)).toBe(300 - invalid - noAccount.length);
    expect(count(9)).toBe(bank.stats.rejected);
    expect(count(9)).toBeGreaterThan(0);
    expect(authority.answers.filter((a) => a.code === 1)).toHaveLength(1);

    // Every interchange read by the published parser: segment counts, and the credits the bank saw.
    expect(paymuls.length).toBeGreaterThan(0);
    let credits = 0;
    for (const text of paymuls) {
      const segs = parseWithPublishedEdifactParser(text);
      expect(segs[0]?.name).toBe('UNB');
      expect(segs.at(-1)?.name).toBe('UNZ');
      const unh = segs.findIndex((s) => s.name === 'UNH');
      const unt = segs.findIndex((s) => s.name === 'UNT');
      expect(Number(segs[unt]?.elements[0]?.[0])).toBe(unt - unh + 1);
      credits += segs.filter((s) => s.name === 'SEQ').length;
    }
    expect(credits).toBe(bank.stats.payments);
    expect(credits).toBe(count(8) + count(9));
    expect(bank.stats.invalid).toBe(0);

    const recon = await get<{
      balanced: boolean;
      open: { count: number };
      byState: Record<string, { count: number; sumOre: number }>;
      accepted: { count: number; sumOre: number };
    }>('/bundles/UDK-FLOW-0001/reconciliation');
    expect(recon.balanced).toBe(true);
    expect(recon.open.count).toBe(0);
    expect(recon.byState['BANK_ACCEPTED']?.count).toBe(count(8));
    expect(recon.accepted.count).toBe(300 - invalid);
    expect(recon.byState['BANK_ACCEPTED']!.sumOre + recon.byState['BANK_REJECTED']!.sumOre).toBe(
      bank.stats.totalOre,
    );

    const rejectedId = ids.find((id) => authority.byPayment.get(id)?.includes(9)) ?? '';
    const where = await get<{ state: string; history: { service: string; state: string }[] }>(
      `/payments/${rejectedId}`,
    );
    expect(where.state).toBe('BANK_REJECTED');
    expect(where.history.map((h) => [h.service, h.state])).toEqual([
      ['payment-intake', 'RECEIVED'],
      ['account-enrichment', 'COMPLETED'],
      ['bank-dispatch', 'DISPATCHED'],
      ['bank-dispatch', 'BANK_REJECTED'],
    ]);
    expect((await fetch(`http://127.0.0.1:${ports.intake}/payments/${rejectedId}`)).status).toBe(401);
  });

  it('stops a payment not yet sent (answer 5) and refuses to stop one already executed', async () => {
    const future = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const { document, transactions } = authority.buildBundle({
      msgId: 'UDK-FLOW-0002',
      payments: 2,
      recipients: [{ scheme: 'CPR', id: REGISTER[0] ?? '' }],
      errorShare: 0,
      completeShare: 0,
      requestedExecutionDate: future,
    });
    await authority.sendBundle('UDK-FLOW-0002', document);
    const waiting = transactions[0]?.endToEndId ?? '';
    // Completed and scheduled, but 60 days ahead: not due for the bank yet.
    await expectEventually(async () =>
      expect((await get<{ state: string }>(`/payments/${waiting}`)).state).toBe('COMPLETED'),
    );
    const executed = [...authority.byPayment].find(([, codes]) => codes.includes(8))?.[0] ?? '';
    await authority.sendStop('UDK-STOP-0001', 'UDK-FLOW-0002', [waiting, executed]);
    await expectEventually(async () => {
      expect(authority.byPayment.get(waiting)).toContain(5);
      expect(authority.byPayment.get(executed)?.filter((c) => c === 5)).toHaveLength(1);
    });
    const stopAnswers = authority.answers.filter((a) => a.code === 5);
    expect(stopAnswers.flatMap((a) => a.transactions.map((t) => [t.endToEndId, t.status]))).toEqual(
      expect.arrayContaining([
        [waiting, 'CANC'],
        [executed, 'RJCT'],
      ]),
    );
    expect((await get<{ state: string }>(`/payments/${waiting}`)).state).toBe('STOPPED');
  });

  it('writes every answer as a pain.002 valid against the profile XSD', async () => {
    const ds = createServiceDataSource({
      url: infra.dbUrl,
      schema: `${infra.schema}_intake`,
      applicationName: 'flow-xsd',
    });
    await ds.initialize();
    const docs = (await ds.query('SELECT document FROM answers')) as { document: string }[];
    await ds.destroy();
    expect(docs.length).toBeGreaterThan(3);
    for (const { document } of docs) {
      const result = await validateXML({
        xml: [{ fileName: 'answer.xml', contents: document }],
        schema: [{ fileName: 'nemkonto-pain.002.001.10.xsd', contents: pain002Xsd }],
      });
      expect(result.errors.map((e) => e.message)).toEqual([]);
    }
  });
});
