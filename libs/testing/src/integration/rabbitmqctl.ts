import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Integration tests administer the local broker with rabbitmqctl (vhosts, closing connections,
// restarts). It runs on this machine as root; nothing here talks to a remote broker.
export async function rabbitmqctl(...args: string[]): Promise<string> {
  const { stdout } = await run('rabbitmqctl', ['-q', ...args], { timeout: 120_000 });
  return stdout;
}

export async function createVhost(vhost: string, user = 'guest'): Promise<void> {
  await rabbitmqctl('add_vhost', vhost);
  await rabbitmqctl('set_permissions', '-p', vhost, user, '.*', '.*', '.*');
}

export async function deleteVhost(vhost: string): Promise<void> {
  await rabbitmqctl('delete_vhost', vhost).catch(() => undefined);
}

export async function listVhosts(): Promise<string[]> {
  const out = await rabbitmqctl('list_vhosts', 'name');
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && l !== 'name');
}

// Drops every client connection of one vhost, as a network cut or broker failover would.
export async function closeVhostConnections(vhost: string): Promise<void> {
  await rabbitmqctl('close_all_connections', '--vhost', vhost, 'integration test: simulated connection loss');
}
