// The payment flow's three services as real processes on a private schema set and vhost, seeded
// with one authority (UDK) and one bank (DANSKE): shared by the end-to-end test, the golden
// replays and `npm run bench:e2e`. The caller owns the database and vhost (test context or bench
// infra); the system owns the service schemas in it and drops them on dispose.
import {
  AccountDto,
  PersonStateDto,
  RegistryAccountChangedV1,
  ServiceTopology,
  serviceTopologies,
} from '@nemkonto/contracts';
import { createEnvelope, declareTopology } from '@nemkonto/platform-messaging';
import { createServiceDataSource, migrateServiceSchema } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';
import { testPort } from '@nemkonto/testing';
import { connect } from 'amqplib';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { serviceDefinition as enrichmentDefinition } from '../../apps/account-enrichment/src/service.definition';
import { serviceDefinition as dispatchDefinition } from '../../apps/bank-dispatch/src/service.definition';
import { serviceDefinition as intakeDefinition } from '../../apps/payment-intake/src/service.definition';
import { SERVICE_NODE_ARGS } from '../scripts/service-definitions';

const root = join(__dirname, '..', '..');

export type FlowService = 'payment-intake' | 'account-enrichment' | 'bank-dispatch';
const DEFINITIONS: Record<FlowService, ServiceDefinition> = {
  'payment-intake': intakeDefinition,
  'account-enrichment': enrichmentDefinition,
  'bank-dispatch': dispatchDefinition,
};
export const FLOW_SERVICES = Object.keys(DEFINITIONS) as FlowService[];

export const FLOW_AUTHORITY = {
  id: 'UDK',
  name: 'Udbetaling Danmark',
  token: 'udk-test-token-0123456789',
  debitRegNo: '0216',
  debitAccountNo: '4069158738',
} as const;
export const FLOW_BANK = { id: 'DANSKE', name: 'Danske Bank', edifactId: '5790000243440' } as const;

export interface FlowInfra {
  readonly dbUrl: string;
  // Prefix of the service schemas: `<prefix>_intake`, `<prefix>_enrichment`, `<prefix>_dispatch`.
  readonly schema: string;
  readonly amqpUrl: string;
}

export interface FlowOptions {
  // The authority's agreement for payments without an account (default REJECT).
  readonly noAccountPolicy?:
    { kind: 'REJECT' } | { kind: 'HOLD'; days: number } | { kind: 'ERROR_ACCOUNT'; account: AccountDto };
  readonly bankMaxPerInterchange?: number;
  // The bank's order format (default PAYMUL).
  readonly bankOrderFormat?: 'PAYMUL' | 'PAIN001';
  // Extra environment for every service (e.g. NK_CLOCK_START for replays).
  readonly env?: Readonly<Record<string, string>>;
  // Extra arguments for node (e.g. --cpu-prof).
  readonly nodeArgs?: readonly string[];
  // Write each service's stdout to `<logDir>/<service>.log`.
  readonly logDir?: string;
}

export interface RegisterEntry {
  readonly party: { kind: 'CPR' | 'CVR' | 'SE' | 'P'; value: string };
  readonly nemkonto: AccountDto | null;
  readonly benefitSpecific?: RegistryAccountChangedV1['benefitSpecific'];
}

export class FlowSystem {
  private readonly children = new Map<FlowService, ChildProcess>();
  private readonly sources = new Map<FlowService, DataSource>();
  readonly ports: Record<FlowService, number>;

  constructor(
    readonly infra: FlowInfra,
    private readonly options: FlowOptions = {},
  ) {
    const base = testPort(5);
    this.ports = { 'payment-intake': base, 'account-enrichment': base + 1, 'bank-dispatch': base + 2 };
  }

  get brokerUser(): string {
    return decodeURIComponent(new URL(this.infra.amqpUrl).username) || 'guest';
  }

  schemaOf(service: FlowService): string {
    return `${this.infra.schema}_${DEFINITIONS[service].schema}`;
  }

  pid(service: FlowService): number | undefined {
    return this.children.get(service)?.pid;
  }

  // A connection to a service's schema (as the test's database user), kept until dispose.
  async db(service: FlowService): Promise<DataSource> {
    const existing = this.sources.get(service);
    if (existing) return existing;
    const ds = createServiceDataSource({
      url: this.infra.dbUrl,
      schema: this.schemaOf(service),
      applicationName: `flow-${service}`,
      migrations: DEFINITIONS[service].migrations,
    });
    await ds.initialize();
    this.sources.set(service, ds);
    return ds;
  }

  // Migrates the three schemas and registers the authority (with its debit account) and the bank.
  async prepare(): Promise<void> {
    for (const service of FLOW_SERVICES) await migrateServiceSchema(await this.db(service));
    const policy = this.options.noAccountPolicy ?? { kind: 'REJECT' };
    const intake = await this.db('payment-intake');
    await intake.query(
      `INSERT INTO authorities (authority_id, name, broker_user, api_token_sha256, no_account_policy, hold_days, error_account)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        FLOW_AUTHORITY.id,
        FLOW_AUTHORITY.name,
        this.brokerUser,
        createHash('sha256').update(FLOW_AUTHORITY.token).digest('hex'),
        policy.kind,
        policy.kind === 'HOLD' ? policy.days : 0,
        policy.kind === 'ERROR_ACCOUNT' ? JSON.stringify(policy.account) : null,
      ],
    );
    await intake.query(`INSERT INTO authority_debit_accounts VALUES ($1, $2, $3, $4)`, [
      FLOW_AUTHORITY.id,
      FLOW_AUTHORITY.debitRegNo,
      FLOW_AUTHORITY.debitAccountNo,
      FLOW_BANK.id,
    ]);
    // Cut-off 23:59 and 10 banking days' lead: payments up to two weeks ahead are due at once.
    const dispatch = await this.db('bank-dispatch');
    await dispatch.query(
      `INSERT INTO banks (bank_id, name, broker_user, edifact_id, cutoff_time, lead_banking_days, max_per_interchange, order_format)
       VALUES ($1, $2, $3, $4, '23:59', 10, $5, $6)`,
      [
        FLOW_BANK.id,
        FLOW_BANK.name,
        this.brokerUser,
        FLOW_BANK.edifactId,
        this.options.bankMaxPerInterchange ?? 10_000,
        this.options.bankOrderFormat ?? 'PAYMUL',
      ],
    );
    await dispatch.query(`INSERT INTO bank_reg_ranges VALUES ($1, 0, 999)`, [FLOW_BANK.id]);
    // account-registry does not run here, but its queues exist as in a deployment, so the events
    // it consumes (dispatch.account-rejected) are routed and the publishers' outboxes drain.
    const conn = await connect(this.infra.amqpUrl);
    try {
      await declareTopology(await conn.createChannel(), serviceTopologies['account-registry']);
    } finally {
      await conn.close();
    }
  }

  // Starts the services as processes (all, or the ones named) and waits until each is ready.
  async start(services: readonly FlowService[] = FLOW_SERVICES): Promise<void> {
    for (const service of services) {
      const logDir = this.options.logDir ?? process.env['NK_FLOW_LOGS'];
      const child = spawn(
        process.execPath,
        [
          ...SERVICE_NODE_ARGS,
          ...(this.options.nodeArgs ?? []),
          '-r',
          './tools/register.js',
          `apps/${service}/src/main.ts`,
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            NK_DB_URL: this.infra.dbUrl,
            NK_DB_SCHEMA: this.schemaOf(service),
            NK_AMQP_URL: this.infra.amqpUrl,
            NK_HTTP_PORT: String(this.ports[service]),
            NK_LOG_LEVEL: 'warn',
            NK_JOB_INTERVAL_MS: '200',
            ...this.options.env,
          },
          stdio: ['ignore', logDir ? openSync(join(logDir, `${service}.log`), 'w') : 'ignore', 'inherit'],
        },
      );
      this.children.set(service, child);
    }
    await Promise.all(services.map((s) => this.waitReady(s)));
  }

  private async waitReady(service: FlowService): Promise<void> {
    const child = this.children.get(service);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child?.exitCode !== null) throw new Error(`${service} exited with ${String(child?.exitCode)}`);
      const ok = await fetch(`http://127.0.0.1:${this.ports[service]}/health/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${service} was not ready within 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // Publishes the register as account-registry would (registry.account-changed, version 1), and
  // waits until enrichment's projection holds every party.
  async publishRegister(entries: readonly RegisterEntry[]): Promise<void> {
    await this.publishEnvelopes(
      'nemkonto.registry',
      entries.map((e) => {
        const change: RegistryAccountChangedV1 = {
          party: e.party,
          partyVersion: 1,
          nemkonto: e.nemkonto
            ? [{ account: e.nemkonto, effectiveFrom: '2020-01-01', effectiveTo: null }]
            : [],
          benefitSpecific: e.benefitSpecific ?? [],
          endMarkedFrom: null,
          movedTo: null,
        };
        return createEnvelope('registry.account-changed', change, { producer: 'account-registry' });
      }),
    );
    await this.awaitEnrichmentRows(
      'party_accounts',
      entries.length,
      'the register was not projected within 60 s',
    );
  }

  // Publishes persons' states as cpr-cvr-sync would (sync.person-changed, chunks of 1,000), and
  // waits until enrichment holds every name.
  async publishNames(persons: readonly PersonStateDto[]): Promise<void> {
    const envelopes = [];
    for (let i = 0; i < persons.length; i += 1000) {
      envelopes.push(
        createEnvelope(
          'sync.person-changed',
          { source: 'CPR', kind: 'INITIAL_LOAD', persons: persons.slice(i, i + 1000) },
          { producer: 'cpr-cvr-sync' },
        ),
      );
    }
    await this.publishEnvelopes('nemkonto.sync', envelopes);
    await this.awaitEnrichmentRows('party_names', persons.length, 'the names were not projected within 60 s');
  }

  // Publishes envelopes to an exchange under their message type, persistent and confirmed.
  private async publishEnvelopes(
    exchange: string,
    envelopes: readonly { messageId: string; type: string }[],
  ): Promise<void> {
    const conn = await connect(this.infra.amqpUrl);
    try {
      const ch = await conn.createConfirmChannel();
      for (const envelope of envelopes) {
        ch.publish(exchange, envelope.type, Buffer.from(JSON.stringify(envelope)), {
          persistent: true,
          mandatory: true,
          messageId: envelope.messageId,
        });
      }
      await ch.waitForConfirms();
    } finally {
      await conn.close();
    }
  }

  // Polls an enrichment table until it holds at least `count` rows (60 s at most).
  private async awaitEnrichmentRows(table: string, count: number, timeoutMessage: string): Promise<void> {
    const enrichment = await this.db('account-enrichment');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [row] = (await enrichment.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[];
      if ((row?.n ?? 0) >= count) return;
      if (Date.now() > deadline) throw new Error(timeoutMessage);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  // Quiet: no service has an unsent outbox row and no service queue holds a message.
  async quiet(): Promise<boolean> {
    for (const service of FLOW_SERVICES) {
      const [row] = (await (
        await this.db(service)
      ).query('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')) as { n: number }[];
      if ((row?.n ?? 0) > 0) return false;
    }
    const conn = await connect(this.infra.amqpUrl);
    try {
      const ch = await conn.createChannel();
      for (const q of this.serviceQueues()) {
        const { messageCount } = await ch.checkQueue(q);
        if (messageCount > 0) return false;
      }
      return true;
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  private serviceQueues(): string[] {
    return FLOW_SERVICES.flatMap((s) => {
      const t: ServiceTopology = serviceTopologies[s];
      return [...t.queues.map((q) => q.name), ...(t.gateways ?? []).map((g) => g.name)];
    });
  }

  async stop(service?: FlowService): Promise<void> {
    const which = service ? [service] : [...this.children.keys()];
    await Promise.all(
      which.map(async (s) => {
        const child = this.children.get(s);
        this.children.delete(s);
        if (!child || child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }),
    );
  }

  // Stops the services and drops their schemas.
  async dispose(): Promise<void> {
    await this.stop();
    const any = this.sources.values().next().value as DataSource | undefined;
    for (const service of FLOW_SERVICES)
      await any?.query(`DROP SCHEMA IF EXISTS ${this.schemaOf(service)} CASCADE`);
    for (const ds of this.sources.values()) await ds.destroy();
    this.sources.clear();
  }
}
