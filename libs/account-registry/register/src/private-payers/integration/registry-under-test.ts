// The registry as a real process on its own schema and vhost, for the private-payer specs: the
// three migrations, a bank and an authority, payers, accounts, and HTTP calls.
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import {
  IntegrationContext,
  JsonCallResult,
  ServiceProcess,
  callJson,
  createIntegrationContext,
  openMigratedDataSource,
  startServiceProcess,
  testPort,
} from '@nemkonto/testing';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { REGISTRY_MIGRATIONS } from '../../migrations/registry-migrations';

export const sha = (t: string): string => createHash('sha256').update(t).digest('hex');

export const TOKENS = {
  bank: 'danske-bank-token-0123456789',
  authority: 'udk-authority-token-0123456789',
  operator: 'operator-token-0123456789abcdef',
} as const;

export type CallResult = JsonCallResult;

// A distinct valid CPR number per index (born 1970, serials from 1000: 7th digit 1 → 1900s).
export function cprNumber(i: number): string {
  const dd = String((i % 28) + 1).padStart(2, '0');
  const mm = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
  return `${dd}${mm}70${String(1000 + Math.floor(i / 336)).padStart(4, '0')}`;
}

export class RegistryUnderTest {
  readonly port = testPort();
  private service?: ServiceProcess;
  // Everything the process wrote (logs), to check no CPR number is in it.
  output = '';

  private constructor(
    readonly infra: IntegrationContext,
    readonly ds: DataSource,
  ) {}

  static async prepare(label: string): Promise<RegistryUnderTest> {
    const infra = await createIntegrationContext(label);
    const ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS]);
    await ds.query(`INSERT INTO channel_banks VALUES ('DANSKE', 'Danske Bank', 'DABADKKK', $1)`, [
      sha(TOKENS.bank),
    ]);
    await ds.query(`INSERT INTO channel_bank_reg_ranges VALUES ('DANSKE', 3000, 3999)`);
    await ds.query(
      `INSERT INTO channel_authorities VALUES ('UDK', 'Udbetaling Danmark', $1, '{BOERNEYDELSE}')`,
      [sha(TOKENS.authority)],
    );
    return new RegistryUnderTest(infra, ds);
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    this.service = await startServiceProcess({
      entry: 'apps/account-registry/src/main.ts',
      port: this.port,
      readyPath: '/health/ready',
      env: {
        NK_HTTP_PORT: String(this.port),
        NK_DB_URL: this.infra.dbUrl,
        NK_DB_SCHEMA: this.infra.schema,
        NK_AMQP_URL: this.infra.amqpUrl,
        NK_LOG_LEVEL: 'info',
        NK_OPERATOR_TOKEN_SHA256: sha(TOKENS.operator),
        NK_OUTBOX_POLL_MS: '50',
        ...env,
      },
      onOutput: (text) => (this.output += text),
    });
  }

  async dispose(): Promise<void> {
    await this.service?.stop();
    await this.ds?.destroy();
    await this.infra?.dispose();
  }

  async call(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<CallResult> {
    return callJson(
      `http://127.0.0.1:${this.port}${path}`,
      method,
      { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body,
    );
  }

  // A payer row as an operator would register it (POST /operator/private-payers).
  async savePayer(payerId: string, token: string, more: Record<string, unknown> = {}): Promise<CallResult> {
    return this.call('POST', '/operator/private-payers', TOKENS.operator, {
      payerId,
      name: `${payerId} A/S`,
      nksAgreementNo: `NKS-${payerId}`,
      legalBasis: { kind: 'CONSENT', reference: 'signed consent in the employment contract' },
      lookupMode: 'FULL',
      apiTokenSha256: sha(token),
      activeFrom: '2020-01-01',
      ...more,
    });
  }

  // NemKonti straight into the register (what the bank channel would have stored), set-based: the
  // k-th number gets account 3001 / k+1 (10 digits).
  async registerAccounts(cprs: readonly string[]): Promise<void> {
    await this.ds.query(
      `INSERT INTO parties (party_kind, party_id, version) SELECT 'CPR', id, 1 FROM unnest($1::text[]) AS id`,
      [cprs],
    );
    await this.ds.query(
      `INSERT INTO account_versions (version_id, party_kind, party_id, purpose, account, state, channel, actor, effective_from)
       SELECT gen_random_uuid(), 'CPR', id, 'NEMKONTO', jsonb_build_object('kind', 'DK', 'regNo', '3001', 'accountNo', lpad(n::text, 10, '0')),
              'ACTIVE', 'BANK', 'bank:DANSKE', DATE '2020-01-01'
         FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)`,
      [cprs],
    );
  }
}
