/**
 * The memory of a process tree, per process, from /proc (Linux): resident set split into
 * anonymous, file-backed and shared-memory pages (status: RssAnon/RssFile/RssShmem), the
 * proportional set size (smaps_rollup: shared pages divided among the processes mapping
 * them) and the thread count. The node binary's ~40 MB of text is file-backed and shared:
 * it counts in every process's RSS but once in the PSS sum, so anon is where a cut shows.
 */
import fs from 'node:fs';

export interface ProcessMemory {
  pid: number;
  /** what the process is, from its command line (`web server`, `daemon :PORT`, ...) */
  role: string;
  rssKb: number;
  anonKb: number;
  fileKb: number;
  shmemKb: number;
  pssKb: number;
  threads: number;
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function field(text: string, name: string): number {
  const m = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

export function commandOf(pid: number): string {
  return read(`/proc/${pid}/cmdline`).replace(/\0/g, ' ').trim();
}

export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) out.push(Number(entry));
  }
  return out;
}

/** `pid` and every process below it, parents first */
export function treeOf(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...childrenOf(out[i]!));
  return out;
}

function roleOf(cmd: string): string {
  if (/\bdaemon\.js\b/.test(cmd)) return `daemon :${/--port (\d+)/.exec(cmd)?.[1] ?? '?'}`;
  if (/\b(start\.cjs|web-server\.js)\b/.test(cmd)) return 'web server';
  return cmd.slice(0, 60);
}

export function processMemory(pid: number): ProcessMemory | null {
  const status = read(`/proc/${pid}/status`);
  if (!status) return null;
  return {
    pid,
    role: roleOf(commandOf(pid)),
    rssKb: field(status, 'VmRSS'),
    anonKb: field(status, 'RssAnon'),
    fileKb: field(status, 'RssFile'),
    shmemKb: field(status, 'RssShmem'),
    pssKb: field(read(`/proc/${pid}/smaps_rollup`), 'Pss'),
    threads: field(status, 'Threads'),
  };
}

/** every process of the tree rooted at `pid` that still exists */
export function treeMemory(pid: number): ProcessMemory[] {
  return treeOf(pid)
    .map(processMemory)
    .filter((m): m is ProcessMemory => m !== null);
}

export function sumOf(rows: ProcessMemory[], key: 'rssKb' | 'anonKb' | 'fileKb' | 'shmemKb' | 'pssKb' | 'threads'): number {
  return rows.reduce((n, r) => n + r[key], 0);
}

export const mb = (kb: number): string => (kb / 1024).toFixed(1);
