import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createVhost, deleteVhost } from './rabbitmqctl';
import { amqpBaseUrl, testDbUrl, testRunId } from './test-env';

export interface IntegrationContext {
  readonly dbUrl: string;
  readonly schema: string;
  readonly vhost: string;
  readonly amqpUrl: string;
  dispose(): Promise<void>;
}

// A private schema and vhost for one test file.
export async function createIntegrationContext(label: string): Promise<IntegrationContext> {
  const suffix = `${label.replace(/[^a-z0-9]/g, '').slice(0, 20)}_${randomBytes(3).toString('hex')}`;
  const schema = `t_${suffix}`;
  const vhost = `nk_test_${testRunId()}_${suffix}`;
  await createVhost(vhost);
  const amqpUrl = `${amqpBaseUrl()}/${encodeURIComponent(vhost)}`;
  const dbUrl = testDbUrl();
  return {
    dbUrl,
    schema,
    vhost,
    amqpUrl,
    async dispose() {
      await deleteVhost(vhost);
      const client = new Client({ connectionString: dbUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
    },
  };
}
