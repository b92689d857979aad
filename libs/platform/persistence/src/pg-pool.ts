import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

// Hot paths (outbox relay, bulk statements) talk to node-postgres directly through the pool
// TypeORM already owns, so there is one pool per service and one search_path.
export function pgPoolOf(dataSource: DataSource): Pool {
  const driver = dataSource.driver;
  if (!(driver instanceof PostgresDriver) || !driver.master) {
    throw new Error('data source is not an initialised postgres data source');
  }
  return driver.master as Pool;
}

// node-postgres gives a client checked out of the pool no 'error' listener: if its connection
// dies while it runs no query (inside a transaction, between two statements), the error is
// emitted with nobody listening and the process crashes. Every client gets a listener when it
// is checked out (also those connected before this was called); its next query then fails with
// the error, which the caller handles.
export function guardPoolClients(pool: Pool, onError: (err: Error) => void): void {
  const guarded = new WeakSet<PoolClient>();
  pool.on('acquire', (client) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', onError);
  });
}
