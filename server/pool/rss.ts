/** Resident memory of a process, from /proc on Linux (null elsewhere or when it is gone). */
import fs from 'node:fs';

const PAGE_BYTES = 4096;

export function readRssBytes(pid: number | null): number | null {
  if (!pid || process.platform !== 'linux') return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/statm`, 'ascii').split(' ');
    const pages = Number(fields[1]);
    return Number.isFinite(pages) ? pages * PAGE_BYTES : null;
  } catch {
    return null;
  }
}

/** the rss a daemon reports in its /health JSON, if it does */
export function rssFromHealth(json: unknown): number | null {
  if (!json || typeof json !== 'object') return null;
  const o = json as Record<string, unknown>;
  const direct =
    o.rss_bytes ??
    (o.memory && typeof o.memory === 'object' ? ((o.memory as Record<string, unknown>).rss_bytes ?? (o.memory as Record<string, unknown>).rss) : undefined);
  return typeof direct === 'number' && Number.isFinite(direct) && direct > 0 ? direct : null;
}
