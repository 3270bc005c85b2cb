/** The library's settings: ATOMFORGE_DATA_DIR, DATABASE_URL, ATOMFORGE_LIBRARY_TOKEN, ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadLibraryConfig } from '@/lib/config/env';

describe('loadLibraryConfig', () => {
  it('defaults to ./data under the working folder, SQLite, no token', () => {
    expect(loadLibraryConfig({}, '/srv/app')).toEqual({ dataDir: path.resolve('/srv/app', 'data'), databaseUrl: null, token: null, deletedRetentionDays: 30 });
  });

  it('reads the four settings; blank values count as unset', () => {
    expect(
      loadLibraryConfig(
        {
          ATOMFORGE_DATA_DIR: '/var/lib/af',
          DATABASE_URL: 'postgres://u:p@db:5432/lib',
          ATOMFORGE_LIBRARY_TOKEN: 't',
          ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS: '7',
        },
        '/srv',
      ),
    ).toEqual({
      dataDir: '/var/lib/af',
      databaseUrl: 'postgres://u:p@db:5432/lib',
      token: 't',
      deletedRetentionDays: 7,
    });
    expect(loadLibraryConfig({ DATABASE_URL: '  ', ATOMFORGE_LIBRARY_TOKEN: '' }, '/srv')).toMatchObject({ databaseUrl: null, token: null });
  });

  it('refuses a retention of 0 days (an undo right after a delete must still work) or a fraction', () => {
    expect(() => loadLibraryConfig({ ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS: '0' })).toThrow(/ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS/);
    expect(() => loadLibraryConfig({ ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS: '1.5' })).toThrow(/ATOMFORGE_LIBRARY_DELETED_RETENTION_DAYS/);
  });

  it('refuses a DATABASE_URL that is not postgres:// without echoing it (it may hold a password)', () => {
    let err: unknown;
    try {
      loadLibraryConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain('DATABASE_URL is invalid');
    expect((err as ConfigError).message).not.toContain('hunter2');
  });
});
