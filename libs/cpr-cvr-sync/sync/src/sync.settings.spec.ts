import { syncSettingsFromEnv } from './sync.settings';

describe('syncSettingsFromEnv', () => {
  it('defaults to no drop directory, the demo feed user and batches of 1,000', () => {
    const s = syncSettingsFromEnv({});
    expect(s.dropDir).toBeNull();
    expect(s.feedUsers.get('CPR')).toBe('demo-cpr-cvr-feed');
    expect(s.fileBatch).toBe(1000);
  });

  it('reads the feed users and the drop directory', () => {
    const s = syncSettingsFromEnv({
      NK_SYNC_FEED_USERS: 'CPR=cpr-office, CVR=cvr-office',
      NK_SYNC_DROP_DIR: '/srv/drop',
    });
    expect([...s.feedUsers]).toEqual([
      ['CPR', 'cpr-office'],
      ['CVR', 'cvr-office'],
    ]);
    expect(s.dropDir).toBe('/srv/drop');
  });

  it.each([
    [{ NK_SYNC_FEED_USERS: 'cpr:x' }, /NK_SYNC_FEED_USERS/],
    [{ NK_SYNC_FILE_BATCH: '0' }, /NK_SYNC_FILE_BATCH/],
  ])('refuses %j', (env, message) => {
    expect(() => syncSettingsFromEnv(env)).toThrow(message);
  });
});
