// The registry and the development eID provider as real processes on a test's own schema and
// vhost, seeded with a bank (DANSKE), an authority (UDK, with its CVR for caseworkers), a
// private payer (LOENSERVICE) and an operator token; `call` speaks HTTP as a token holder or a logged-in browser.
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import {
  EidTestSession,
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
import { REGISTRY_MIGRATIONS } from '../migrations/registry-migrations';

export const sha256Hex = (t: string): string => createHash('sha256').update(t).digest('hex');

export const TEST_TOKENS = {
  danske: 'danske-bank-token-0123456789',
  nordea: 'nordea-bank-token-0123456789',
  udk: 'udk-authority-token-0123456789',
  operator: 'operator-token-0123456789abcdef',
  payer: 'payer-loenservice-token-0123456789',
} as const;

export interface CallAuth {
  readonly session?: EidTestSession;
  readonly token?: string;
  readonly csrf?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

export type CallResult = JsonCallResult;

export interface RegistryTestSystem {
  readonly infra: IntegrationContext;
  readonly ds: DataSource;
  readonly registry: ServiceProcess;
  readonly eid: ServiceProcess;
  call(method: string, path: string, auth: CallAuth, body?: unknown): Promise<CallResult>;
  close(): Promise<void>;
}

const CLIENT_SECRET = 'test-registry-client-secret-0123456789';

export async function startRegistryTestSystem(
  label: string,
  seed?: (ds: DataSource) => Promise<void>,
  env: Readonly<Record<string, string>> = {},
): Promise<RegistryTestSystem> {
  const infra = await createIntegrationContext(label);
  const ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS]);
  await ds.query(
    `INSERT INTO channel_banks VALUES ('DANSKE', 'Danske Bank', 'DABADKKK', $1), ('NORDEA', 'Nordea', 'NDEADKKK', $2)`,
    [sha256Hex(TEST_TOKENS.danske), sha256Hex(TEST_TOKENS.nordea)],
  );
  await ds.query(`INSERT INTO channel_bank_reg_ranges VALUES ('DANSKE', 3000, 3999), ('NORDEA', 2000, 2999)`);
  await ds.query(
    `INSERT INTO channel_authorities (authority_id, name, api_token_sha256, benefit_types, cvr)
     VALUES ('UDK', 'Udbetaling Danmark', $1, '{BOERNEYDELSE}', '29980608')`,
    [sha256Hex(TEST_TOKENS.udk)],
  );
  await ds.query(
    `INSERT INTO private_payers (payer_id, name, nks_agreement_no, legal_basis_kind, legal_basis_ref, lookup_mode,
                                 api_token_sha256, active_from)
     VALUES ('LOENSERVICE', 'Lønservice A/S', 'NKS-4711', 'CONSENT', 'the employees'' consent', 'FULL', $1, '2020-01-01')`,
    [sha256Hex(TEST_TOKENS.payer)],
  );
  await seed?.(ds);
  const eidPort = testPort(2);
  const registryPort = eidPort + 1;
  const issuer = `http://127.0.0.1:${eidPort}`;
  const eid = await startServiceProcess({
    entry: 'apps/eid-provider/src/main.ts',
    port: eidPort,
    readyPath: '/health',
    env: {
      NK_EID_ISSUER: issuer,
      NK_EID_CLIENTS: JSON.stringify([
        {
          client_id: 'nemkonto-registry',
          client_secret: CLIENT_SECRET,
          redirect_uris: [`http://127.0.0.1:${registryPort}/eid/callback`],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ]),
    },
  });
  const registry = await startServiceProcess({
    entry: 'apps/account-registry/src/main.ts',
    port: registryPort,
    readyPath: '/health/ready',
    env: {
      NK_HTTP_PORT: String(registryPort),
      NK_DB_URL: infra.dbUrl,
      NK_DB_SCHEMA: infra.schema,
      NK_AMQP_URL: infra.amqpUrl,
      NK_LOG_LEVEL: 'warn',
      NK_OUTBOX_POLL_MS: '50',
      NK_EID_ISSUER: issuer,
      NK_EID_CLIENT_SECRET: CLIENT_SECRET,
      NK_EID_REDIRECT_URI: `http://127.0.0.1:${registryPort}/eid/callback`,
      NK_OPERATOR_TOKEN_SHA256: sha256Hex(TEST_TOKENS.operator),
      ...env,
    },
  }).catch(async (err: unknown) => {
    await eid.stop();
    throw err;
  });

  const call = (method: string, path: string, auth: CallAuth, body?: unknown): Promise<CallResult> => {
    const headers: Record<string, string> = { ...auth.headers };
    if (auth.token) headers['authorization'] = `Bearer ${auth.token}`;
    if (auth.session) headers['cookie'] = auth.session.cookie;
    if (auth.session && auth.csrf !== false) headers['x-csrf-token'] = auth.session.csrfToken;
    return callJson(`${registry.url}${path}`, method, headers, body);
  };

  return {
    infra,
    ds,
    registry,
    eid,
    call,
    async close() {
      await registry.stop();
      await eid.stop();
      await ds.destroy();
      await infra.dispose();
    },
  };
}
