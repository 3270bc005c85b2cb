/** The playground's calls to POST /compile and POST /decompile. */
import { bytesToLatin1 } from '@/lib/fdo/latin1';

export interface CodecError {
  status: number;
  message: string;
  line: number | null;
  column: number | null;
  kind: string | null;
  hint: string | null;
  context: string[];
}

export type CodecResult<T> = { ok: true; value: T; daemonId: string | null; serverSeconds: number | null; timeMs: number } | { ok: false; error: CodecError };

async function readError(res: Response): Promise<CodecError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: string; daemon?: { normalized?: Partial<CodecError> & { message?: string } } };
    const n = body.daemon?.normalized;
    return {
      status: res.status,
      message: n?.message ?? body.error ?? `HTTP ${res.status}`,
      line: n?.line ?? null,
      column: n?.column ?? null,
      kind: n?.kind ?? null,
      hint: n?.hint ?? null,
      context: n?.context ?? [],
    };
  } catch {
    return { status: res.status, message: text.slice(0, 300) || `HTTP ${res.status}`, line: null, column: null, kind: null, hint: null, context: [] };
  }
}

async function call(path: string, init: RequestInit): Promise<Response | CodecError> {
  try {
    return await fetch(path, { ...init, cache: 'no-store' });
  } catch (err) {
    return { status: 0, message: `cannot reach the service: ${err instanceof Error ? err.message : String(err)}`, line: null, column: null, kind: null, hint: null, context: [] };
  }
}

function meta(res: Response, started: number) {
  const s = Number(res.headers.get('x-compilation-time'));
  return { daemonId: res.headers.get('x-daemon-id'), serverSeconds: Number.isFinite(s) ? s : null, timeMs: performance.now() - started };
}

export async function compileSource(source: string): Promise<CodecResult<Uint8Array>> {
  const started = performance.now();
  const res = await call('/compile', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ source }) });
  if (!(res instanceof Response)) return { ok: false, error: res };
  if (!res.ok) return { ok: false, error: await readError(res) };
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { ok: true, value: bytes, ...meta(res, started) };
}

export async function decompileBytes(bytes: Uint8Array): Promise<CodecResult<string>> {
  const started = performance.now();
  const res = await call('/decompile', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: bytes as unknown as BodyInit });
  if (!(res instanceof Response)) return { ok: false, error: res };
  if (!res.ok) return { ok: false, error: await readError(res) };
  // Latin-1 by hand: TextDecoder('latin1') is really windows-1252 and would change 0x80-0x9F
  const text = bytesToLatin1(new Uint8Array(await res.arrayBuffer()));
  return { ok: true, value: text, ...meta(res, started) };
}
