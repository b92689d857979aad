import { Client } from 'pg';
import { deleteVhost, listVhosts } from './rabbitmqctl';
import { TEST_RUN_ENV, adminDbUrl } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const runId = process.env[TEST_RUN_ENV];
  if (!runId) return;
  const admin = new Client({ connectionString: adminDbUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS nk_test_${runId} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  // Files delete their own vhosts; this catches those of a file that crashed.
  for (const vhost of await listVhosts()) {
    if (vhost.startsWith(`nk_test_${runId}_`)) await deleteVhost(vhost);
  }
}
