import { Client } from 'pg';
import { TEST_DB_ENV, TEST_RUN_ENV, adminDbUrl } from './test-env';

// One database per test run; each test file adds its own schema and RabbitMQ vhost, so runs and
// files never collide, and teardown removes everything.
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const database = `nk_test_${runId}`;
  const admin = new Client({ connectionString: adminDbUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminDbUrl());
  url.pathname = `/${database}`;
  process.env[TEST_DB_ENV] = url.toString();
  process.env[TEST_RUN_ENV] = runId;
}
