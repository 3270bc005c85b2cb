/** The playground's calls to POST /compile and POST /decompile. */
import { bytesToLatin1 } from '@/lib/fdo/latin1';
import { clientSideError } from '@/lib/service/client-error';
import type { ServiceError } from '@/lib/service/contract';

/** the service's one error shape (server/web/error-body.ts sends it as `detail`) */
export type CodecError = ServiceError;

export type CodecResult<T> = { ok: true; value: T; daemonId: string | null; serverSeconds: number | null; timeMs: number } | { ok: false; error: CodecError };

async function readError(res: Response): Promise<CodecError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: unknown; detail?: CodecError };
    if (body.detail && typeof body.detail.message === 'string')
      return { ...body.detail, context: Array.isArray(body.detail.context) ? body.detail.context : [] };
    return clientSideError(res.status, typeof body.error === 'string' ? body.error : `HTTP ${res.status}`);
  } catch {
    // not the service's JSON (a proxy in between): show the start of what came back
    return clientSideError(res.status, text.slice(0, 300) || `HTTP ${res.status}`);
  }
}

async function call(path: string, init: RequestInit): Promise<Response | CodecError> {
  try {
    return await fetch(path, { ...init, cache: 'no-store' });
  } catch (err) {
    return clientSideError(0, `cannot reach the service: ${err instanceof Error ? err.message : String(err)}`);
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
