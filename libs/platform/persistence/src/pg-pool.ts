import type { Pool } from 'pg';
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
