// What CPR/CVR changes do to the register, across real processes: cpr-cvr-sync and
// account-registry on their own schemas and one vhost, the feed published as JSON events on
// nemkonto.cpr-cvr-feed, the register's answers read over its HTTP API. Deaths, bankruptcies (SE
// and P numbers too), CPR-number changes, late and replayed events, and activation letters
// addressed by cpr-cvr-sync for the print service.
import { RegistryLetterRequestedV1 } from '@nemkonto/contracts';
import { REGISTRY_MIGRATIONS } from '@nemkonto/account-registry-register';
import {
  FeedEvent,
  aCompanyCreated,
  aPersonCreated,
  writeJsonFeedEvent,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import {
  IntegrationContext,
  ServiceProcess,
  callJson,
  createIntegrationContext,
  expectEventually,
  openMigratedDataSource,
  startServiceProcess,
  testPort,
} from '@nemkonto/testing';
import { ChannelModel, ConfirmChannel, connect } from 'amqplib';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SyncSchema1764000005000 } from '@nemkonto/cpr-cvr-sync-sync';

jest.setTimeout(180_000);

const sha = (t: string): string => createHash('sha256').update(t).digest('hex');
const BANK = 'danske-bank-token-0123456789';
const UDK = 'udk-authority-token-0123456789';
const DEAD = '1502601234';
const OLD = '0303651234';
const NEW = '0404701234';
const ALIVE = '0505751234';
const CVR = '31415934';
const SE = '20000001';
const PNO = '1000000001';

describe('CPR/CVR changes reach the register (cpr-cvr-sync and account-registry as processes)', () => {
  let infra: IntegrationContext;
  let registryDs: DataSource;
  let syncDs: DataSource;
  let sync: ServiceProcess;
  let registry: ServiceProcess;
  let conn: ChannelModel;
  let ch: ConfirmChannel;
  const printed: Record<string, unknown>[] = [];
  const schemas = { registry: '', sync: '' };

  const feed = async (source: 'CPR' | 'CVR', events: readonly FeedEvent[]): Promise<void> => {
    for (const e of events)
      ch.publish('nemkonto.cpr-cvr-feed', source, Buffer.from(writeJsonFeedEvent(source, e)), {
        persistent: true,
        messageId: `${source}-${e.sequenceNo}`,
        userId: 'guest',
        type: 'cpr-cvr-feed-event.v1',
      });
    await ch.waitForConfirms();
  };
  const call = (method: string, path: string, token: string, body?: unknown) =>
    callJson(`${registry.url}${path}`, method, { authorization: `Bearer ${token}` }, body);
  const register = (kind: string, value: string, accountNo: string) =>
    call('POST', '/bank/nemkonti', BANK, {
      party: { kind, value },
      account: { kind: 'DK', regNo: '3001', accountNo },
    });
  const lookup = async (kind: string, value: string, date: string): Promise<unknown> => {
    const res = await call('POST', '/lookups', UDK, { party: { kind, value }, date });
    return res.body['found'] ? (res.body['account'] as { accountNo: string }).accountNo : res.body['code'];
  };
  const partyVersion = async (id: string): Promise<number> =>
    (
      (await registryDs.query(`SELECT version FROM parties WHERE party_id = $1`, [id])) as {
        version: number;
      }[]
    )[0]?.version ?? 0;

  beforeAll(async () => {
    infra = await createIntegrationContext('cprcvreffects');
    schemas.registry = `${infra.schema}_reg`;
    schemas.sync = `${infra.schema}_sync`;
    registryDs = await openMigratedDataSource(
      infra,
      [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS],
      schemas.registry,
    );
    syncDs = await openMigratedDataSource(
      infra,
      [OutboxInbox1764000000000, SyncSchema1764000005000],
      schemas.sync,
    );
    await registryDs.query(`INSERT INTO channel_banks VALUES ('DANSKE', 'Danske Bank', 'DABADKKK', $1)`, [
      sha(BANK),
    ]);
    await registryDs.query(`INSERT INTO channel_bank_reg_ranges VALUES ('DANSKE', 3000, 3999)`);
    await registryDs.query(
      `INSERT INTO channel_authorities (authority_id, name, api_token_sha256, benefit_types) VALUES ('UDK', 'Udbetaling Danmark', $1, '{}')`,
      [sha(UDK)],
    );
    const common = {
      NK_DB_URL: infra.dbUrl,
      NK_AMQP_URL: infra.amqpUrl,
      NK_LOG_LEVEL: 'warn',
      NK_OUTBOX_POLL_MS: '50',
      NK_JOB_INTERVAL_MS: '200',
    };
    const [syncPort, registryPort] = [testPort(), testPort()];
    sync = await startServiceProcess({
      entry: 'apps/cpr-cvr-sync/src/main.ts',
      port: syncPort,
      readyPath: '/health/ready',
      env: {
        ...common,
        NK_HTTP_PORT: String(syncPort),
        NK_DB_SCHEMA: schemas.sync,
        NK_SYNC_FEED_USERS: 'CPR=guest,CVR=guest',
      },
    });
    registry = await startServiceProcess({
      entry: 'apps/account-registry/src/main.ts',
      port: registryPort,
      readyPath: '/health/ready',
      env: { ...common, NK_HTTP_PORT: String(registryPort), NK_DB_SCHEMA: schemas.registry },
    });
    conn = await connect(infra.amqpUrl);
    ch = await conn.createConfirmChannel();
    await ch.consume(
      'print.letters',
      (m) => m && printed.push(JSON.parse(m.content.toString('utf8')) as Record<string, unknown>),
      { noAck: true },
    );
    await feed('CPR', [
      aPersonCreated({ sequenceNo: 1, cpr: DEAD, firstNames: 'Else', lastName: 'Mortensen' }),
      aPersonCreated({ sequenceNo: 2, cpr: OLD, firstNames: 'Kim', lastName: 'Skifte' }),
      aPersonCreated({ sequenceNo: 3, cpr: ALIVE, firstNames: 'Lone', lastName: 'Brev' }),
    ]);
    await feed('CVR', [
      aCompanyCreated({ sequenceNo: 1, cvr: CVR, name: 'Konkurs ApS' }),
      {
        type: 'company.se-number-added',
        sequenceNo: 2,
        effectiveDate: '2026-01-05',
        cvr: CVR,
        seNumber: SE,
        address: null,
      },
      {
        type: 'company.p-number-added',
        sequenceNo: 3,
        effectiveDate: '2026-01-05',
        cvr: CVR,
        pNumber: PNO,
        address: null,
      },
    ]);
    for (const [kind, value, no] of [
      ['CPR', DEAD, '1111111111'],
      ['CPR', OLD, '2222222222'],
      ['CVR', CVR, '3333333333'],
      ['SE', SE, '4444444444'],
      ['P', PNO, '5555555555'],
    ] as const)
      expect((await register(kind, value, no)).status).toBe(200);
  });

  afterAll(async () => {
    await conn?.close();
    await registry?.stop();
    await sync?.stop();
    await registryDs?.destroy();
    await syncDs?.destroy();
    const admin = new DataSource({ type: 'postgres', url: infra.dbUrl });
    await admin.initialize();
    for (const s of Object.values(schemas)) if (s) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.destroy();
    await infra?.dispose();
  });

  it('end-marks a dead person’s NemKonto 3 years after the death; a replayed or older event changes nothing', async () => {
    const death: FeedEvent = {
      type: 'person.status-changed',
      sequenceNo: 4,
      effectiveDate: '2026-03-02',
      cpr: DEAD,
      status: 'DEAD',
      statusDate: '2026-03-01',
    };
    await feed('CPR', [death]);
    await expectEventually(async () => expect(await lookup('CPR', DEAD, '2029-03-01')).toBe('END_MARKED'), {
      timeoutMs: 30_000,
    });
    expect(await lookup('CPR', DEAD, '2029-02-28')).toBe('1111111111');
    const version = await partyVersion(DEAD);
    // The same event again (a replay), and an older name change arriving late after a newer one.
    await feed('CPR', [
      death,
      {
        type: 'person.name-changed',
        sequenceNo: 6,
        effectiveDate: '2026-03-05',
        cpr: DEAD,
        firstNames: 'Else M.',
        lastName: 'Mortensen',
      },
      {
        type: 'person.name-changed',
        sequenceNo: 5,
        effectiveDate: '2026-03-04',
        cpr: DEAD,
        firstNames: 'E.',
        lastName: 'Mortensen',
      },
    ]);
    await expectEventually(
      async () => {
        const [row] = (await syncDs.query(
          `SELECT last_contiguous::int AS n FROM feed_sources WHERE source = 'CPR'`,
        )) as {
          n: number;
        }[];
        expect(row?.n).toBe(6);
      },
      { timeoutMs: 30_000 },
    );
    // Whatever the register heard after the death, the end-marking (its state) is the same.
    expect(await lookup('CPR', DEAD, '2029-03-01')).toBe('END_MARKED');
    const log = (await registryDs.query(
      `SELECT action FROM change_log WHERE party_id = $1 AND action LIKE 'END_MARK%'`,
      [DEAD],
    )) as unknown[];
    expect(log).toHaveLength(1);
    expect(await partyVersion(DEAD)).toBeGreaterThanOrEqual(version);
  });

  it('ends a bankrupt company’s NemKonti at the decree date, its SE and P numbers too', async () => {
    for (const [kind, value, no] of [
      ['CVR', CVR, '3333333333'],
      ['SE', SE, '4444444444'],
      ['P', PNO, '5555555555'],
    ] as const)
      expect(await lookup(kind, value, '2030-01-01')).toBe(no);
    await feed('CVR', [
      {
        type: 'company.status-changed',
        sequenceNo: 4,
        effectiveDate: '2026-04-02',
        cvr: CVR,
        status: 'BANKRUPT',
        statusDate: '2026-04-01',
      },
    ]);
    for (const [kind, value, no] of [
      ['CVR', CVR, '3333333333'],
      ['SE', SE, '4444444444'],
      ['P', PNO, '5555555555'],
    ] as const) {
      await expectEventually(async () => expect(await lookup(kind, value, '2030-01-01')).toBe('END_MARKED'), {
        timeoutMs: 30_000,
      });
      expect(no).toMatch(/^\d{10}$/);
    }
  });

  it('moves the NemKonto to a new CPR number; lookups by either number answer it', async () => {
    await feed('CPR', [
      {
        type: 'person.number-changed',
        sequenceNo: 7,
        effectiveDate: '2026-05-01',
        cpr: NEW,
        previousCpr: OLD,
      },
    ]);
    await expectEventually(async () => expect(await lookup('CPR', NEW, '2030-01-01')).toBe('2222222222'), {
      timeoutMs: 30_000,
    });
    expect(await lookup('CPR', OLD, '2030-01-01')).toBe('2222222222');
    const rows = (await registryDs.query(`SELECT party_id FROM account_versions WHERE party_id = ANY($1)`, [
      [OLD, NEW],
    ])) as { party_id: string }[];
    expect(rows.map((r) => r.party_id)).toEqual([NEW]);
  });

  it('has cpr-cvr-sync address the activation letter for the print service, and records that it was sent', async () => {
    const assigned = await call('POST', '/authority/nemkonti', UDK, {
      party: { kind: 'CPR', value: ALIVE },
      account: { kind: 'DK', regNo: '3001', accountNo: '6666666666' },
      reason: 'asked at the citizen service desk',
    });
    expect(assigned).toMatchObject({ status: 200, body: { state: 'PENDING' } });
    await expectEventually(() => expect(printed.length).toBe(1), { timeoutMs: 30_000 });
    const letter = printed[0] ?? {};
    expect(JSON.stringify(letter)).toContain('Lone Brev');
    expect(JSON.stringify(letter)).toContain('Østergade');
    await expectEventually(
      async () => {
        const [row] = (await registryDs.query(`SELECT outcome FROM letters WHERE party_id = $1`, [
          ALIVE,
        ])) as {
          outcome: string | null;
        }[];
        expect(row?.outcome).toBe('SENT');
      },
      { timeoutMs: 30_000 },
    );
    // The registry's copy of the request, with the code in clear, left its outbox once sent.
    await expectEventually(
      async () => {
        const left = (await registryDs.query(
          `SELECT body FROM outbox WHERE message_type = 'registry.letter-requested'`,
        )) as { body: Buffer }[];
        expect(
          left.map((r) => (JSON.parse(r.body.toString()) as { payload: RegistryLetterRequestedV1 }).payload),
        ).toEqual([]);
      },
      { timeoutMs: 30_000 },
    );
  });
});
