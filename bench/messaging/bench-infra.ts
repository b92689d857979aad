import { createVhost, deleteVhost } from '@nemkonto/testing';
import { Client } from 'pg';

// A database (or schema) and a RabbitMQ vhost of the benchmark's own, removed afterwards.
export interface BenchInfra {
  readonly dbUrl: string;
  readonly schema: string;
  readonly amqpUrl: string;
  readonly description: string;
  dispose(): Promise<void>;
}

const adminUrl = process.env['NK_BENCH_ADMIN_DB_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const amqpBase = process.env['NK_BENCH_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchInfra(): Promise<BenchInfra> {
  const name = `nk_bench_${Date.now().toString(36)}${process.pid.toString(36)}`;
  // A temporary database; where the role may not create one, a schema in `nemkonto`.
  const ownDatabase = await withClient(adminUrl, async (admin) => {
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      return true;
    } catch (err) {
      const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'nemkonto'`);
      if (found.rowCount === 0) throw err;
      return false;
    }
  });
  const dbUrl = withDatabase(adminUrl, ownDatabase ? name : 'nemkonto');
  const dropDatabase = async (): Promise<void> => {
    if (ownDatabase) {
      await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    } else {
      await withClient(dbUrl, (client) => client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`));
    }
  };
  try {
    await createVhost(name);
  } catch (err) {
    await dropDatabase();
    throw err;
  }
  return {
    dbUrl,
    schema: name,
    amqpUrl: `${amqpBase}/${encodeURIComponent(name)}`,
    description: `${ownDatabase ? `database ${name}` : `schema ${name} in nemkonto`}, vhost ${name}`,
    async dispose() {
      const results = await Promise.allSettled([deleteVhost(name), dropDatabase()]);
      for (const r of results) {
        if (r.status === 'rejected') process.stderr.write(`cleanup failed: ${String(r.reason)}\n`);
      }
    },
  };
}
