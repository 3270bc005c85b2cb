/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 for the repository tests: initdb in a temp
 * folder, pg_ctl start on a free port, stopped and removed afterwards. PostgreSQL refuses
 * to run as root, so as root the cluster runs as the `postgres` user (runuser) in a folder
 * that user owns. Tests skip PostgreSQL only when the binaries are missing and this is not
 * CI: on CI (CI=true) a missing PostgreSQL is a failure, not a skip.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePortRun } from '../../support/ports';

export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(root, versions[0]!, 'bin');
  }
  return null;
}

/** true when PostgreSQL tests must run (binaries here, or CI where they must be) */
export function postgresRequired(): boolean {
  return findPostgresBin() !== null || process.env.CI === 'true';
}

export interface TestPostgres {
  /** a connection string to a fresh database each call */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** `durable`: keep fsync on (benchmarks); tests turn it off, the cluster is thrown away anyway */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql; .ci/run does)');
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-pg-'));
  fs.chmodSync(dir, 0o700);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    fs.chownSync(dir, uid, gid);
  }
  const run = (exe: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, exe), asRoot ? ['-u', 'postgres', '--', path.join(bin, exe), ...args] : args, {
      stdio: 'pipe',
      timeout: 60_000,
      cwd: dir,
    });
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--no-locale']);
  const port = await freePortRun(1);
  // loopback only, the socket in the temp folder, no fsync: a test cluster, thrown away after
  const durability = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const serverOptions = `-h 127.0.0.1 -p ${port} -k ${dir} -c max_connections=100${durability}`;
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', serverOptions, '-w', '-t', '60', 'start']);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let count = 0;
  return {
    async newDatabase() {
      const name = `library_test_${process.pid}_${++count}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`); // name is built from digits above, never from input
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
