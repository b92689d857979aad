// Names shared between the Jest global setup (parent process) and the test workers.
export const TEST_DB_ENV = 'NK_TEST_DB_URL';
export const TEST_RUN_ENV = 'NK_TEST_RUN_ID';

export const adminDbUrl = (): string =>
  process.env['NK_TEST_ADMIN_DB_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const amqpBaseUrl = (): string =>
  process.env['NK_TEST_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

export function testDbUrl(): string {
  const url = process.env[TEST_DB_ENV];
  if (!url)
    throw new Error(`${TEST_DB_ENV} is not set: run integration tests through jest's integration project`);
  return url;
}

export function testRunId(): string {
  const id = process.env[TEST_RUN_ENV];
  if (!id)
    throw new Error(`${TEST_RUN_ENV} is not set: run integration tests through jest's integration project`);
  return id;
}
