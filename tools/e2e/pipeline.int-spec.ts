// End to end across real service processes: an authority uploads a bundle over HTTP to
// payment-intake; the payments travel through the outbox and RabbitMQ to account-enrichment, which
// completes them from its projection of the register; the completed chunk arrives on
// bank-dispatch's queue. Counts and sums reconcile at every hop.
import { PaymentsCompletedV1, serviceTopologies } from '@nemkonto/contracts';
import { aBundle, aTransaction, writePain001 } from '@nemkonto/payment-intake-pain001';
import { createEnvelope, declareTopology } from '@nemkonto/platform-messaging';
import { createServiceDataSource, migrateServiceSchema } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, expectEventually } from '@nemkonto/testing';
import { connect } from 'amqplib';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { serviceDefinition as enrichmentDefinition } from '../../apps/account-enrichment/src/service.definition';
import { serviceDefinition as intakeDefinition } from '../../apps/payment-intake/src/service.definition';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..');
const TOKEN = 'udk-test-token-0123456789';

describe('bundle → intake → enrichment → dispatch queue (real processes, Postgres, RabbitMQ)', () => {
  let infra: IntegrationContext;
  const children: ChildProcess[] = [];
  const ports = { intake: 41000 + Math.floor(Math.random() * 9000), enrichment: 0 };
  ports.enrichment = ports.intake + 1;

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
      },
      stdio: 'ignore',
    });
    children.push(child);
  }

  async function ready(port: number): Promise<void> {
    await expectEventually(
      async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200),
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  }

  beforeAll(async () => {
    infra = await createIntegrationContext('e2e');
    for (const [def, schema] of [
      [intakeDefinition, `${infra.schema}_intake`],
      [enrichmentDefinition, `${infra.schema}_enrichment`],
    ] as const) {
      const ds = createServiceDataSource({
        url: infra.dbUrl,
        schema,
        applicationName: 'e2e-migrate',
        migrations: def.migrations,
      });
      await ds.initialize();
      await migrateServiceSchema(ds);
      if (def.name === 'payment-intake') {
        await ds.query(
          `INSERT INTO authorities (authority_id, name, api_token_sha256) VALUES ('UDK', 'Udbetaling Danmark', $1)`,
          [createHash('sha256').update(TOKEN).digest('hex')],
        );
        await ds.query(`INSERT INTO authority_debit_accounts VALUES ('UDK', '1234', '0001234567', 'bank-a')`);
      }
      await ds.destroy();
    }
    // bank-dispatch is not started: its queue is declared so the completed chunk waits there.
    const conn = await connect(infra.amqpUrl);
    await declareTopology(await conn.createChannel(), serviceTopologies['bank-dispatch']);
    await conn.close();
    start('payment-intake', `${infra.schema}_intake`, ports.intake);
    start('account-enrichment', `${infra.schema}_enrichment`, ports.enrichment);
    await Promise.all([ready(ports.intake), ready(ports.enrichment)]);
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
    );
    const cleanup = createServiceDataSource({
      url: infra.dbUrl,
      schema: 'public',
      applicationName: 'e2e-cleanup',
    });
    await cleanup.initialize();
    for (const s of ['intake', 'enrichment'])
      await cleanup.query(`DROP SCHEMA IF EXISTS ${infra.schema}_${s} CASCADE`);
    await cleanup.destroy();
    await infra.dispose();
  });

  it('completes every accepted payment or answers 7, and the totals reconcile', async () => {
    // The register: two of the three recipients have a NemKonto.
    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createConfirmChannel();
    for (const [cpr, accountNo] of [
      ['2110625629', '0000000001'],
      ['0101651234', '0000000002'],
    ] as const) {
      const e = createEnvelope(
        'registry.account-changed',
        {
          party: { kind: 'CPR', value: cpr },
          partyVersion: 1,
          nemkonto: [
            {
              account: { kind: 'DK', regNo: '0040', accountNo },
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
    const projection = createServiceDataSource({
      url: infra.dbUrl,
      schema: `${infra.schema}_enrichment`,
      applicationName: 'e2e-check',
    });
    await projection.initialize();
    await expectEventually(async () =>
      expect(
        ((await projection.query('SELECT count(*)::int n FROM party_accounts')) as { n: number }[])[0]?.n,
      ).toBe(2),
    );
    await projection.destroy();

    const document = writePain001(
      aBundle([
        aTransaction({ endToEndId: 'E1', amount: '100.00', creditor: { scheme: 'CPR', id: '2110625629' } }),
        aTransaction({ endToEndId: 'E2', amount: '200.50', creditor: { scheme: 'CPR', id: '0101651234' } }),
        aTransaction({ endToEndId: 'E3', amount: '300.00', creditor: { scheme: 'CPR', id: '0202903456' } }),
        aTransaction({ endToEndId: 'E4', amount: '1.001', creditor: { scheme: 'CPR', id: '2110625629' } }),
      ]),
    );
    const unauthorized = await fetch(`http://127.0.0.1:${ports.intake}/bundles`, {
      method: 'POST',
      body: document,
      headers: { 'content-type': 'application/xml' },
    });
    expect(unauthorized.status).toBe(401);

    const res = await fetch(`http://127.0.0.1:${ports.intake}/bundles`, {
      method: 'POST',
      body: document,
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    const { answers } = (await res.json()) as {
      answers: { code: number; status: string; pain002: string }[];
    };
    expect(answers.map((a) => [a.code, a.status])).toEqual([
      [1, 'ACTC'],
      [2, 'PART'],
    ]);
    expect(answers[1]?.pain002).toContain('<OrgnlEndToEndId>E4</OrgnlEndToEndId><TxSts>RJCT</TxSts>');

    const consumer = await conn.createChannel();
    const completed = await expectEventually(async () => {
      const msg = await consumer.get('bank-dispatch.payments-completed', { noAck: false });
      expect(msg).not.toBe(false);
      return msg === false
        ? undefined
        : (JSON.parse(msg.content.toString()) as { payload: PaymentsCompletedV1; correlationId: string });
    });
    const chunk = completed!.payload;
    expect(chunk.completed.map((p) => [p.endToEndId, p.accountSource, p.creditorAccount])).toEqual([
      ['E1', 'NEMKONTO', { kind: 'DK', regNo: '0040', accountNo: '0000000001' }],
      ['E2', 'NEMKONTO', { kind: 'DK', regNo: '0040', accountNo: '0000000002' }],
    ]);
    expect(chunk.notCompleted.map((p) => [p.endToEndId, p.answerCode])).toEqual([['E3', 7]]);
    // received 4 = rejected at reception 1 + completed 2 + not completed 1; the sums match too.
    const completedOre = chunk.completed.reduce((s, p) => s + p.amountOre, 0);
    expect(completedOre + 30000).toBe(10000 + 20050 + 30000);
    expect(completed!.correlationId).toBe(chunk.bundleKey);
    await conn.close();
  });
});
