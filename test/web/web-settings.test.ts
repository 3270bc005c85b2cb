/**
 * The web tier's settings and the small pure pieces of admin access: address lists,
 * who the client is behind proxies, the start-up warning, the restart countdown text.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadDecompileLimits, loadWebSettings } from '@/lib/config';
import { restartNote } from '@/components/dashboard/restart-countdown';
import { addressList, clientAddress, inList, normalizeAddress } from '@/server/web/peer';
import { isLoopbackHost, openAdminWarning } from '@/server/web/startup-warning';

describe('loadWebSettings', () => {
  it('has safe defaults: no token, loopback is local, no trusted proxy, 30 s body timeout', () => {
    const s = loadWebSettings({});
    expect(s.adminToken).toBeNull();
    expect(s.localAddresses).toEqual([
      { address: '127.0.0.0', prefix: 8, family: 'ipv4' },
      { address: '::1', prefix: 128, family: 'ipv6' },
    ]);
    expect(s.trustedProxies).toEqual([]);
    expect(s.bodyTimeoutMs).toBe(30_000);
  });

  it('reads every setting', () => {
    const s = loadWebSettings({
      ATOMFORGE_ADMIN_TOKEN: 't',
      ATOMFORGE_LOCAL_ADDRESSES: '127.0.0.1, 10.0.0.0/8,fd00::/8',
      ATOMFORGE_TRUSTED_PROXIES: '192.168.1.1',
      ATOMFORGE_BODY_TIMEOUT: '0.25',
    });
    expect(s.adminToken).toBe('t');
    expect(s.localAddresses.map((r) => `${r.address}/${r.prefix}`)).toEqual(['127.0.0.1/32', '10.0.0.0/8', 'fd00::/8']);
    expect(s.trustedProxies).toHaveLength(1);
    expect(s.bodyTimeoutMs).toBe(250);
  });

  it('refuses bad values, naming the variable', () => {
    for (const env of [
      { ATOMFORGE_LOCAL_ADDRESSES: 'localhost' },
      { ATOMFORGE_LOCAL_ADDRESSES: '127.0.0.1/33' },
      { ATOMFORGE_TRUSTED_PROXIES: '1.2.3.4/8/9' },
      { ATOMFORGE_BODY_TIMEOUT: '0' },
      { ATOMFORGE_BODY_TIMEOUT: 'soon' },
    ]) {
      const name = Object.keys(env)[0]!;
      expect(() => loadWebSettings(env), name).toThrow(ConfigError);
      expect(() => loadWebSettings(env)).toThrow(new RegExp(name));
    }
    expect(() => loadDecompileLimits({ FDO_DECOMPILE_MAX_RATIO: '0' })).toThrow(/FDO_DECOMPILE_MAX_RATIO/);
    expect(() => loadDecompileLimits({ FDO_DECOMPILE_MAX_OUTPUT: 'huge' })).toThrow(/FDO_DECOMPILE_MAX_OUTPUT/);
    expect(loadDecompileLimits({ FDO_DECOMPILE_MAX_OUTPUT: '8388608' })).toEqual({ maxOutputRatio: 256, maxOutputBytes: 8 << 20 });
  });
});

describe('addresses', () => {
  const local = addressList(loadWebSettings({}).localAddresses);
  const trusted = addressList(loadWebSettings({ ATOMFORGE_TRUSTED_PROXIES: '10.0.0.1,10.0.0.2' }).trustedProxies);

  it('loopback (v4, v6 and v4-mapped) is local by default; nothing else is', () => {
    for (const a of ['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1']) expect(inList(local, a), a).toBe(true);
    for (const a of ['10.0.0.1', '::', '0.0.0.0', '::ffff:10.0.0.1', 'not-an-ip', '']) expect(inList(local, a), a).toBe(false);
    expect(normalizeAddress('::FFFF:127.0.0.2')).toBe('127.0.0.2');
  });

  it('believes X-Forwarded-For only from trusted proxies, walking from the nearest hop', () => {
    expect(clientAddress('203.0.113.9', '127.0.0.1', trusted)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '127.0.0.1', trusted)).toBe('127.0.0.1');
    expect(clientAddress('10.0.0.1', '127.0.0.1, 198.51.100.7, 10.0.0.2', trusted)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.1', 'garbage', trusted)).toBeNull();
    expect(clientAddress('10.0.0.1', null, trusted)).toBe('10.0.0.1');
    expect(clientAddress(null, '127.0.0.1', trusted)).toBeNull();
  });
});

describe('the start-up warning', () => {
  it('is given only when listening beyond loopback without a token', () => {
    expect(openAdminWarning('0.0.0.0', { adminToken: null })).toMatch(/beyond loopback, without ATOMFORGE_ADMIN_TOKEN/);
    expect(openAdminWarning('::', { adminToken: null })).not.toBeNull();
    expect(openAdminWarning('192.168.1.5', { adminToken: null })).not.toBeNull();
    expect(openAdminWarning('0.0.0.0', { adminToken: 'x' })).toBeNull();
    for (const h of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
  });
});

describe('restartNote', () => {
  const now = 1_000_000_000;
  it('counts down to next_restart_at, says when it is due, and when the pool gave up', () => {
    expect(restartNote({ lifecycle: 'running', next_restart_at: null, crashes_in_row: 0 }, now)).toBeNull();
    expect(restartNote({ lifecycle: 'crashed', next_restart_at: now / 1000 + 12.2, crashes_in_row: 1 }, now)).toBe('restart in 13 s');
    expect(restartNote({ lifecycle: 'backing_off', next_restart_at: now / 1000 + 65, crashes_in_row: 7 }, now)).toBe('restart in 1 min 05 s');
    expect(restartNote({ lifecycle: 'crashed', next_restart_at: now / 1000 - 1, crashes_in_row: 1 }, now)).toBe('restarting now');
    expect(restartNote({ lifecycle: 'gave_up', next_restart_at: null, crashes_in_row: 9 }, now)).toMatch(/gave up/);
  });
});
