/**
 * The process edges: an external daemon command (like the reference exe, one request at a
 * time, exact `Content-Length` only, closing every connection) through the
 * FDO_DAEMON_COMMAND template; and no daemon outliving a SIGKILLed service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_EXTERNAL, FAST_ENV, REPO, alive, freePorts, instanceRoot, poolConfig, start, stopAll, tempRoot, text, waitFor } from './helpers';

const hosts: ChildProcess[] = [];
const leftovers: number[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) if (h.exitCode === null && h.signalCode === null) h.kill('SIGKILL');
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await stopAll();
});

function latin1Body(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = 32 + ((x >>> 16) % 224); // printable ASCII and Latin-1, never a marker word by chance
  }
  return out;
}

/** sends a raw request with the given header spelling and returns the answer body length */
function rawPost(port: number, header: string, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`POST /compile HTTP/1.1\r\nHost: x\r\n${header}: ${body.length}\r\n\r\n`);
      socket.write(body);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

describe("an external daemon command (the reference daemon's habits)", () => {
  it('the stand-in really truncates bodies sent with a lower-case content-length', async () => {
    const port = await freePorts(1);
    const child = spawn(process.execPath, [FAKE_EXTERNAL, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    hosts.push(child);
    await new Promise((r) => child.stdout!.once('data', r));
    const body = Buffer.alloc(200_000, 'a');
    const exact = await rawPost(port, 'Content-Length', body);
    expect(exact).toMatch(/\r\nContent-Length: 200000\r\n/);
    const lower = await rawPost(port, 'content-length', body);
    expect(lower).not.toMatch(/\r\nContent-Length: 200000\r\n/);
  });

  it('serves large bodies intact through the FDO_DAEMON_COMMAND template, one request at a time per daemon', async () => {
    const rel = path.relative(process.cwd(), FAKE_EXTERNAL);
    const config = await poolConfig(2, { FDO_DAEMON_COMMAND: `node ${rel} --port {port} --host {host}` });
    expect(config.maxInFlight).toBe(1);
    const service = await start(config);
    const report = service.poolHealth();
    expect(report.instances.every((d) => d.state === 'healthy' && d.pid)).toBe(true);
    // each daemon runs in its own working folder under the pool root
    for (const d of report.instances) expect(fs.existsSync(path.join(instanceRoot(config.poolRoot), d.id))).toBe(true);
    const bodies = [100_000, 150_000, 250_000, 120_000, 101_000, 300_000].map((n, i) => latin1Body(n, i + 1));
    const answers = await Promise.all(bodies.map((b, i) => (i % 2 ? service.decompile(b) : service.compile(b))));
    answers.forEach((a, i) => {
      expect(a.status).toBe(200);
      expect(Buffer.compare(Buffer.from(a.body), Buffer.from(bodies[i]!).reverse())).toBe(0);
    });
    expect(new Set(answers.map((a) => a.daemonId)).size).toBe(2);
    const bad = await service.compile(new TextEncoder().encode('BAD input'));
    expect(bad.status).toBe(400);
  });

  it('runs each daemon in its own working folder holding links to FDO_DAEMON_BIN_DIR (the exe found there)', async () => {
    const bin = tempRoot();
    fs.copyFileSync(FAKE_EXTERNAL, path.join(bin, 'fdo_daemon.cjs'));
    fs.writeFileSync(path.join(bin, 'ADA.BIN'), 'data');
    const config = await poolConfig(2, { FDO_DAEMON_COMMAND: 'node fdo_daemon.cjs --port {port}', FDO_DAEMON_BIN_DIR: bin });
    expect(config.command!.argv).toEqual(['node', 'fdo_daemon.cjs', '--port', '{port}']);
    const service = await start(config);
    for (const id of ['daemon_0', 'daemon_1']) {
      for (const name of ['fdo_daemon.cjs', 'ADA.BIN']) {
        const link = path.join(instanceRoot(config.poolRoot), id, name);
        expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
        expect(fs.readlinkSync(link)).toBe(path.join(bin, name));
      }
    }
    const r = await service.compile(new TextEncoder().encode('xyz'));
    expect(text(r.body)).toBe('zyx');
  });

  it('kill -9 of an external daemon: its watchdog reports the exit at once and it is restarted', async () => {
    const config = await poolConfig(2, { FDO_DAEMON_COMMAND: `node ${FAKE_EXTERNAL} --port {port} --host {host}` });
    const service = await start(config);
    const victim = service.poolHealth().instances[0]!.pid!;
    process.kill(victim, 'SIGKILL');
    await waitFor(
      'restarted',
      () => {
        const d = service.poolHealth().instances[0]!;
        return d.restart_count === 1 && d.state === 'healthy' && d.pid !== victim;
      },
      config.restartDelayMs + 5_000,
    );
    const r = await service.compile(new TextEncoder().encode('abc'));
    expect(text(r.body)).toBe('cba');
  });
});

/** every process whose environment carries `marker` (the test's unique pool root) */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) found.push(Number(entry));
    } catch {
      /* gone or not ours */
    }
  }
  return found.filter((p) => p !== process.pid);
}

async function startHost(env: Record<string, string>): Promise<{ host: ChildProcess; pids: number[] }> {
  const host = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'service-host.ts')], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  hosts.push(host);
  let err = '';
  host.stderr!.on('data', (c) => (err += c));
  const pids = await new Promise<number[]>((resolve, reject) => {
    let out = '';
    host.stdout!.on('data', (c) => {
      out += c;
      const m = /READY (\[.*\])/.exec(out);
      if (m) resolve(JSON.parse(m[1]!));
    });
    host.on('exit', () => reject(new Error(`service host exited: ${err}`)));
    setTimeout(() => reject(new Error(`service host not ready: ${err}`)), 30_000);
  });
  return { host, pids };
}

describe('no daemon outlives a SIGKILLed service', () => {
  it.each([
    ['the built-in daemon (dist/daemon.js)', {}],
    ['an external command (through the watchdog)', { FDO_DAEMON_COMMAND: `node ${FAKE_EXTERNAL} --port {port} --host {host}` }],
  ])('%s', async (_name, extra) => {
    expect(fs.existsSync(path.join(REPO, 'dist', 'daemon.js'))).toBe(true); // npm run build:server
    const root = tempRoot();
    const base = await freePorts(3);
    const env = {
      ...FAST_ENV,
      FDO_DAEMON_POOL_ENABLED: 'true',
      FDO_DAEMON_POOL_SIZE: '2',
      FDO_DAEMON_POOL_BASE_PORT: String(base),
      FDO_DAEMON_POOL_ROOT: root,
      ATOMFORGE_HOME: REPO,
      ...extra,
    };
    const { host, pids } = await startHost(env);
    const family = processesWith(root);
    leftovers.push(...family);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(family).toContain(pid);
    expect(family.length).toBeGreaterThanOrEqual(3); // host + daemons (+ watchdogs)
    host.kill('SIGKILL');
    await waitFor('every daemon gone', () => processesWith(root).length === 0, 10_000, 100);
  });
});
