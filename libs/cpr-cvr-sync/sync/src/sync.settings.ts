// The sync service's own settings (read at boot; a bad value stops it with the variable's name).
export interface SyncSettings {
  // Directory polled for feed files (NK_SYNC_DROP_DIR); unset = no drop directory.
  readonly dropDir: string | null;
  // Feed source → the RabbitMQ user allowed to publish its JSON events (NK_SYNC_FEED_USERS,
  // e.g. "CPR=cpr-office,CVR=cvr-office"). A source without one accepts no JSON events.
  readonly feedUsers: ReadonlyMap<string, string>;
  // Records applied per transaction when a file is ingested (NK_SYNC_FILE_BATCH).
  readonly fileBatch: number;
}

export const SYNC_SETTINGS = Symbol('SYNC_SETTINGS');

export const DEFAULT_FEED_USERS = 'CPR=demo-cpr-cvr-feed,CVR=demo-cpr-cvr-feed';

export function syncSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SyncSettings {
  const dropDir = env['NK_SYNC_DROP_DIR'];
  const users = env['NK_SYNC_FEED_USERS'] ?? DEFAULT_FEED_USERS;
  const feedUsers = new Map<string, string>();
  for (const pair of users.split(',').filter((p) => p.trim() !== '')) {
    const m = /^\s*([A-Z0-9_-]{1,10})=([^\s=,]{1,100})\s*$/.exec(pair);
    if (!m) throw new Error('NK_SYNC_FEED_USERS must be SOURCE=user pairs separated by commas');
    feedUsers.set(m[1] as string, m[2] as string);
  }
  const batch = Number(env['NK_SYNC_FILE_BATCH'] ?? '1000');
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
    throw new Error('NK_SYNC_FILE_BATCH must be a whole number 1-10000');
  }
  return { dropDir: dropDir && dropDir.trim() !== '' ? dropDir : null, feedUsers, fileBatch: batch };
}
