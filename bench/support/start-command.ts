/** Starting the app as `npm start` does, for benchmarks: its node flags (from package.json) and the wait for /health. */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export function startFlags(): string[] {
  const start: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const m = /^node ((?:--\S+ )*)scripts\/start\.cjs$/.exec(start);
  if (!m) throw new Error(`package.json's start script is not \`node [flags] scripts/start.cjs\`: ${start}`);
  return m[1]!.split(' ').filter(Boolean);
}

/** Waits until the app answers /health as ok, or with at least `want` healthy daemons. */
export async function waitHealthy(url: string, want: number, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const res = await fetch(`${url}/health`);
      const body = (await res.json()) as { status?: string; pool?: { healthy_instances?: number } };
      if (res.ok && (body.status === 'ok' || (body.pool?.healthy_instances ?? 0) >= want)) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become healthy`);
}
