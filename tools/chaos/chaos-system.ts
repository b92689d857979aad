// The whole system for chaos runs: the five services, each its own process on its own port and
// schema, in one database and vhost, supervised (a service that dies is started again, as an
// orchestrator would). Optionally the services reach Postgres and RabbitMQ through TCP proxies,
// so an outage can be simulated by cutting them without touching the shared servers.
import { ServiceTopology, serviceTopologies } from '@nemkonto/contracts';
import { createServiceDataSource, migrateServiceSchema } from '@nemkonto/platform-persistence';
import { ServiceDefinition } from '@nemkonto/platform-service-kit';
import { TcpProxy, rabbitmqctl, testPort } from '@nemkonto/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadRegister } from '../../bench/e2e/workload';
import { SERVICE_NODE_ARGS, serviceDefinitions } from '../scripts/service-definitions';

const root = join(__dirname, '..', '..');

export type ChaosService = (typeof serviceDefinitions)[number]['name'];
export const CHAOS_SERVICES = serviceDefinitions.map((d) => d.name) as ChaosService[];

export const CHAOS_BANK = { id: 'DANSKE', name: 'Danske Bank', edifactId: '5790000243440' } as const;

export interface ChaosAuthority {
  readonly id: string;
  // The authority's own broker user (the broker-validated user-id names the sender).
  readonly brokerUser: string;
  readonly password: string;
  readonly debitRegNo: string;
  readonly debitAccountNo: string;
}

export interface ChaosInfra {
  readonly dbUrl: string;
  // Prefix of the service schemas: `<prefix>_<service schema>`.
  readonly schema: string;
  readonly amqpUrl: string;
  readonly vhost: string;
}

export interface ChaosSystemOptions {
  readonly authorities: readonly ChaosAuthority[];
  // Route the services' Postgres and AMQP connections through cuttable TCP proxies.
  readonly proxies: boolean;
  readonly logDir?: string;
  readonly log: (line: string) => void;
}

interface Running {
  child: ChildProcess;
  killed: boolean;
}

export class ChaosSystem {
  readonly ports: Record<ChaosService, number>;
  readonly restarts: Record<ChaosService, number>;
  dbProxy?: TcpProxy;
  amqpProxy?: TcpProxy;
  private readonly running = new Map<ChaosService, Running>();
  private readonly sources = new Map<ChaosService, DataSource>();
  private stopping = false;

  constructor(
    readonly infra: ChaosInfra,
    private readonly options: ChaosSystemOptions,
  ) {
    const base = testPort(CHAOS_SERVICES.length);
    this.ports = Object.fromEntries(CHAOS_SERVICES.map((s, i) => [s, base + i])) as Record<
      ChaosService,
      number
    >;
    this.restarts = Object.fromEntries(CHAOS_SERVICES.map((s) => [s, 0])) as Record<ChaosService, number>;
  }

  schemaOf(service: ChaosService): string {
    return `${this.infra.schema}_${definition(service).schema}`;
  }

  // The driver's own connection to a service's schema (direct, never through the proxies).
  async db(service: ChaosService): Promise<DataSource> {
    const existing = this.sources.get(service);
    if (existing) return existing;
    const ds = createServiceDataSource({
      url: this.infra.dbUrl,
      schema: this.schemaOf(service),
      applicationName: `chaos-${service}`,
      migrations: definition(service).migrations,
      poolSize: 2,
    });
    await ds.initialize();
    this.sources.set(service, ds);
    return ds;
  }

  // Migrates the five schemas; registers the authorities (each with its own broker user and
  // debit account) and the bank; loads `parties` recipients into enrichment's projection.
  async prepare(parties: number): Promise<void> {
    for (const service of CHAOS_SERVICES) await migrateServiceSchema(await this.db(service));
    const intake = await this.db('payment-intake');
    for (const a of this.options.authorities) {
      await rabbitmqctl('add_user', a.brokerUser, a.password);
      await rabbitmqctl('set_permissions', '-p', this.infra.vhost, a.brokerUser, '.*', '.*', '.*');
      await intake.query(
        `INSERT INTO authorities (authority_id, name, broker_user, api_token_sha256, no_account_policy)
         VALUES ($1, $2, $3, $4, 'REJECT')`,
        [a.id, `Authority ${a.id}`, a.brokerUser, createHash('sha256').update(a.password).digest('hex')],
      );
      await intake.query(`INSERT INTO authority_debit_accounts VALUES ($1, $2, $3, $4)`, [
        a.id,
        a.debitRegNo,
        a.debitAccountNo,
        CHAOS_BANK.id,
      ]);
    }
    // Cut-off 23:59 and 10 banking days' lead: every payment is due at once.
    const dispatch = await this.db('bank-dispatch');
    await dispatch.query(
      `INSERT INTO banks (bank_id, name, broker_user, edifact_id, cutoff_time, lead_banking_days, max_per_interchange, order_format)
       VALUES ($1, $2, $3, $4, '23:59', 10, 5000, 'PAYMUL')`,
      [CHAOS_BANK.id, CHAOS_BANK.name, this.brokerUser, CHAOS_BANK.edifactId],
    );
    await dispatch.query(`INSERT INTO bank_reg_ranges VALUES ($1, 0, 999)`, [CHAOS_BANK.id]);
    await loadRegister(this.infra.dbUrl, `${this.schemaOf('account-enrichment')}.party_accounts`, parties);
    if (this.options.proxies) {
      const db = new URL(this.infra.dbUrl);
      const amqp = new URL(this.infra.amqpUrl);
      this.dbProxy = new TcpProxy(db.hostname, Number(db.port || 5432));
      this.amqpProxy = new TcpProxy(amqp.hostname, Number(amqp.port || 5672));
      await this.dbProxy.start();
      await this.amqpProxy.start();
    }
  }

  get brokerUser(): string {
    return decodeURIComponent(new URL(this.infra.amqpUrl).username) || 'guest';
  }

  async startAll(): Promise<void> {
    for (const service of CHAOS_SERVICES) this.spawn(service);
    await Promise.all(CHAOS_SERVICES.map((s) => this.waitReady(s, 120_000)));
  }

  pid(service: ChaosService): number | undefined {
    return this.running.get(service)?.child.pid;
  }

  // SIGKILL: no shutdown hook runs, in-flight transactions are rolled back by Postgres and
  // unacked deliveries requeued by the broker. Started again after `restartAfterMs`.
  async kill(service: ChaosService, restartAfterMs: number): Promise<void> {
    const run = this.running.get(service);
    if (run && run.child.exitCode === null && run.child.signalCode === null) {
      run.killed = true;
      const exited = new Promise((r) => run.child.once('exit', r));
      run.child.kill('SIGKILL');
      await exited;
    }
    await new Promise((r) => setTimeout(r, restartAfterMs));
    if (!this.stopping) this.spawn(service);
  }

  async ready(service: ChaosService): Promise<boolean> {
    return fetch(`http://127.0.0.1:${this.ports[service]}/health/ready`, {
      signal: AbortSignal.timeout(5_000),
    }).then(
      (r) => r.status === 200,
      () => false,
    );
  }

  async waitReady(service: ChaosService, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.ready(service))) {
      if (Date.now() > deadline) throw new Error(`${service} was not ready within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  // Every queue the services consume from, the partners' queues and the dead-letter queues.
  serviceQueues(): string[] {
    return CHAOS_SERVICES.flatMap((s) => {
      const t: ServiceTopology = serviceTopologies[s];
      return [...t.queues.map((q) => q.name), ...(t.gateways ?? []).map((g) => g.name)];
    });
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.running.values()].map(async (run) => {
        if (run.child.exitCode !== null || run.child.signalCode !== null) return;
        run.killed = true;
        const exited = new Promise((r) => run.child.once('exit', r));
        run.child.kill('SIGTERM');
        await exited;
      }),
    );
    this.running.clear();
  }

  // Stops the services, removes the authorities' broker users and drops the schemas.
  async dispose(): Promise<void> {
    await this.stopAll();
    await this.dbProxy?.stop();
    await this.amqpProxy?.stop();
    for (const a of this.options.authorities)
      await rabbitmqctl('delete_user', a.brokerUser).catch(() => undefined);
    const any = this.sources.values().next().value as DataSource | undefined;
    for (const service of CHAOS_SERVICES)
      await any?.query(`DROP SCHEMA IF EXISTS ${this.schemaOf(service)} CASCADE`).catch(() => undefined);
    for (const ds of this.sources.values()) await ds.destroy().catch(() => undefined);
    this.sources.clear();
  }

  private spawn(service: ChaosService): void {
    const viaProxy = (url: string, proxy?: TcpProxy): string => {
      if (!proxy) return url;
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(proxy.port);
      return u.toString();
    };
    const logDir = this.options.logDir;
    // With a log directory, stdout and stderr (a crash's stack) go to the service's log.
    const log = logDir ? openSync(join(logDir, `${service}.log`), 'a') : undefined;
    const child = spawn(
      process.execPath,
      [...SERVICE_NODE_ARGS, '-r', './tools/register.js', `apps/${service}/src/main.ts`],
      {
        cwd: root,
        env: {
          ...process.env,
          NK_DB_URL: viaProxy(this.infra.dbUrl, this.dbProxy),
          NK_DB_SCHEMA: this.schemaOf(service),
          NK_AMQP_URL: viaProxy(this.infra.amqpUrl, this.amqpProxy),
          NK_HTTP_PORT: String(this.ports[service]),
          NK_LOG_LEVEL: 'warn',
          NK_JOB_INTERVAL_MS: '500',
          NK_SYNC_FEED_USERS: `CPR=${this.brokerUser},CVR=${this.brokerUser}`,
        },
        stdio: ['ignore', log ?? 'ignore', log ?? 'pipe'],
      },
    );
    if (log !== undefined) closeSync(log);
    child.stderr?.on('data', (d: Buffer) => {
      const line = d.toString('utf8').trim().split('\n')[0] ?? '';
      if (line) this.options.log(`  [${service}] ${line.slice(0, 200)}`);
    });
    const run: Running = { child, killed: false };
    this.running.set(service, run);
    child.once('exit', (code, signal) => {
      if (run.killed || this.stopping || this.running.get(service) !== run) return;
      // Died on its own (e.g. could not boot while the database was away): started again.
      this.options.log(`  ${service} exited by itself (${signal ?? String(code)}); starting it again`);
      this.restarts[service]++;
      setTimeout(() => {
        if (!this.stopping && this.running.get(service) === run) this.spawn(service);
      }, 1000);
    });
  }
}

function definition(service: ChaosService): ServiceDefinition {
  const def = serviceDefinitions.find((d) => d.name === service);
  if (!def) throw new Error(`unknown service ${service}`);
  return def;
}
