/** The library's settings: ATOMFORGE_DATA_DIR, DATABASE_URL, ATOMFORGE_LIBRARY_TOKEN. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadLibraryConfig } from '@/lib/config/env';

describe('loadLibraryConfig', () => {
  it('defaults to ./data under the working folder, SQLite, no token', () => {
    expect(loadLibraryConfig({}, '/srv/app')).toEqual({ dataDir: path.resolve('/srv/app', 'data'), databaseUrl: null, token: null });
  });

  it('reads the three settings; blank values count as unset', () => {
    expect(loadLibraryConfig({ ATOMFORGE_DATA_DIR: '/var/lib/af', DATABASE_URL: 'postgres://u:p@db:5432/lib', ATOMFORGE_LIBRARY_TOKEN: 't' }, '/srv')).toEqual({
      dataDir: '/var/lib/af',
      databaseUrl: 'postgres://u:p@db:5432/lib',
      token: 't',
    });
    expect(loadLibraryConfig({ DATABASE_URL: '  ', ATOMFORGE_LIBRARY_TOKEN: '' }, '/srv')).toMatchObject({ databaseUrl: null, token: null });
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
