import { IntegrationContext, createIntegrationContext, expectEventually } from '@nemkonto/testing';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { createServiceDataSource, guardPoolClients, pgPoolOf } from '@nemkonto/platform-persistence';

jest.setTimeout(60_000);

describe('guardPoolClients (real Postgres)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  const errors: Error[] = [];

  beforeAll(async () => {
    infra = await createIntegrationContext('pgpool');
    ds = createServiceDataSource({ url: infra.dbUrl, schema: infra.schema, applicationName: 'pgpool-test' });
    await ds.initialize();
    guardPoolClients(pgPoolOf(ds), (err) => errors.push(err));
  });

  afterAll(async () => {
    await ds.destroy();
    await infra.dispose();
  });

  it('turns a connection lost between two statements of a transaction into a failed query, not a crash', async () => {
    const client: PoolClient = await pgPoolOf(ds).connect();
    await client.query('BEGIN');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // The server ends the session while the client runs nothing (as a restart or a cut would).
    await ds.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    await expectEventually(() => expect(errors.length).toBeGreaterThan(0));
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
    // The pool goes on with a fresh connection.
    expect(await ds.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
