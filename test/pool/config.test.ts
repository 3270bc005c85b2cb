import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, splitCommand } from '../../lib/config';
import { FAKE_EXTERNAL } from './helpers';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.web).toEqual({ port: 8000, host: '0.0.0.0' });
    expect(c.poolEnabled).toBe(false);
    expect(c.poolSize).toBe(5);
    expect(c.poolMaxSize).toBe(20);
    expect(c.basePort).toBe(8080);
    expect(c.singlePort).toBe(8080);
    expect(c.healthIntervalMs).toBe(10_000);
    expect(c.restartDelayMs).toBe(2_000);
    expect(c.maxRestartAttempts).toBe(5);
    expect(c.maxAttempts).toBe(3);
    expect(c.requestTimeoutMs).toBe(10_000);
    expect(c.breakerThreshold).toBe(3);
    expect(c.readyTimeoutMs).toBe(30_000);
    expect(c.command).toBeNull();
    expect(c.maxInFlight).toBe(32);
    expect(c.binDir).toBeNull();
    expect(c.poolRoot).toBe(path.join(os.tmpdir(), 'fdo_daemon_pool'));
    expect(c.daemonHost).toBe('127.0.0.1');
  });

  it('reads seconds as fractions and booleans in their usual spellings', () => {
    const c = loadConfig({ FDO_DAEMON_HEALTH_INTERVAL: '0.25', FDO_DAEMON_POOL_ENABLED: 'TRUE', FDO_DAEMON_POOL_SIZE: '3' });
    expect(c.healthIntervalMs).toBe(250);
    expect(c.poolEnabled).toBe(true);
    expect(c.poolSize).toBe(3);
  });

  it.each([
    ['FDO_DAEMON_POOL_SIZE', '0', /FDO_DAEMON_POOL_SIZE="0" is invalid: expected a whole number from 1 to 20/],
    ['FDO_DAEMON_POOL_SIZE', 'five', /FDO_DAEMON_POOL_SIZE="five" is invalid/],
    ['FDO_DAEMON_POOL_SIZE', '2.5', /FDO_DAEMON_POOL_SIZE="2.5" is invalid/],
    ['FDO_DAEMON_PORT', '70000', /FDO_DAEMON_PORT="70000" is invalid: expected a whole number from 1 to 65535/],
    ['FDO_DAEMON_HEALTH_INTERVAL', '0', /FDO_DAEMON_HEALTH_INTERVAL="0" is invalid: expected seconds above 0/],
    ['FDO_DAEMON_REQUEST_TIMEOUT', 'soon', /FDO_DAEMON_REQUEST_TIMEOUT="soon" is invalid/],
    ['FDO_DAEMON_MAX_RETRIES', '0', /FDO_DAEMON_MAX_RETRIES="0" is invalid: expected a whole number from 1 to 20/],
    ['FDO_DAEMON_POOL_ENABLED', 'maybe', /FDO_DAEMON_POOL_ENABLED="maybe" is invalid: expected true or false/],
    ['FDO_DAEMON_RESTART_DELAY', '-1', /FDO_DAEMON_RESTART_DELAY="-1" is invalid: expected seconds from 0/],
  ])('%s=%s stops start-up with one line naming variable, value and range', (name, value, pattern) => {
    const lines = problems({ [name]: value });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(lines[0]).not.toContain('\n');
  });

  it('rejects a pool whose ports would run past 65535', () => {
    const lines = problems({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_BASE_PORT: '65533', FDO_DAEMON_POOL_SIZE: '5' });
    expect(lines[0]).toMatch(/FDO_DAEMON_POOL_BASE_PORT="65533" is invalid: .*65533\.\.65537, past 65535/);
  });

  it('checks the size against FDO_DAEMON_POOL_MAX_SIZE', () => {
    expect(problems({ FDO_DAEMON_POOL_MAX_SIZE: '4', FDO_DAEMON_POOL_SIZE: '5' })[0]).toMatch(/from 1 to 4/);
  });

  it('reports every invalid variable, one line each', () => {
    const err = (() => {
      try {
        loadConfig({ FDO_DAEMON_POOL_SIZE: '0', FDO_DAEMON_PORT: 'x' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err!.message.split('\n')).toHaveLength(2);
  });

  it('names a missing executable of FDO_DAEMON_COMMAND', () => {
    expect(problems({ FDO_DAEMON_COMMAND: 'no-such-program-xyz --port {port}' })[0]).toMatch(
      /FDO_DAEMON_COMMAND=.* is invalid: executable "no-such-program-xyz" not found in PATH/,
    );
    expect(problems({ FDO_DAEMON_COMMAND: './missing/daemon --port {port}' })[0]).toMatch(/executable ".\/missing\/daemon" not found or not executable/);
  });

  it('requires {port} in the command and an existing FDO_DAEMON_BIN_DIR', () => {
    expect(problems({ FDO_DAEMON_COMMAND: 'node x.js' })[0]).toMatch(/expected \{port\}/);
    expect(problems({ FDO_DAEMON_BIN_DIR: '/no/such/folder' })[0]).toMatch(/FDO_DAEMON_BIN_DIR="\/no\/such\/folder" is invalid: expected an existing folder/);
  });

  it('accepts an external command, anchors its relative file arguments, defaults in-flight to 1', () => {
    const rel = path.relative(process.cwd(), FAKE_EXTERNAL);
    const c = loadConfig({ FDO_DAEMON_COMMAND: `node ${rel} --port {port} --host {host}` });
    expect(c.command!.argv).toEqual(['node', FAKE_EXTERNAL, '--port', '{port}', '--host', '{host}']);
    expect(c.maxInFlight).toBe(1);
  });

  it('keeps file names that live in FDO_DAEMON_BIN_DIR relative (they are linked into each working folder)', () => {
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-'));
    fs.writeFileSync(path.join(bin, 'fdo_daemon.exe'), '');
    const c = loadConfig({ FDO_DAEMON_COMMAND: 'node fdo_daemon.exe --port {port}', FDO_DAEMON_BIN_DIR: bin });
    expect(c.command!.argv[1]).toBe('fdo_daemon.exe');
    expect(c.binDir).toBe(bin);
  });

  it('splits command templates like a shell, without running one', () => {
    expect(splitCommand(`wine "C:\\\\dir with space\\\\fdo.exe" --port {port} 'a b' c\\ d`)).toEqual([
      'wine',
      'C:\\dir with space\\fdo.exe',
      '--port',
      '{port}',
      'a b',
      'c d',
    ]);
    expect(() => splitCommand('wine "open')).toThrow(/unclosed/);
  });
});
