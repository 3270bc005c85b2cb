/** The playground's calls to POST /compile-chunk and POST /decompile-jsonl. */

export interface P3FrameView {
  index: number;
  source_index: number;
  tx: number;
  rx: number;
  type: number;
  len: number;
  crc: string;
  fdo_size: number;
  frame_size: number;
  large_atom: ('start' | 'segment' | 'end')[];
  hex: string;
}

export interface ChunkAnswer {
  frames: P3FrameView[];
  chunk_count: number;
  continuation_count: number;
  max_fdo_bytes: number;
  next_tx: number;
}

export interface ArtView {
  atom: string;
  kind: string;
  width: number;
  height: number;
  size: number;
  bytes: number;
}

export interface CaptureStreamView {
  index: number;
  direction: 'C->S' | 'S->C';
  token: string;
  stream_id_hex: string;
  title: string;
  frames: number;
  first_line: number;
  last_line: number;
  wire_bytes: number;
  bytes: number;
  large_atoms: number;
  failures: { check: string; message: string }[];
  dod: { form_ids: string[]; gids: string[]; transaction_ids: number[]; art: ArtView[] };
  text: string | null;
  decompile_error: { message: string } | null;
}

export interface CaptureAnswer {
  streams: CaptureStreamView[];
  frames: number;
  data_frames: number;
  frames_skipped: Record<string, number>;
  failures: { check: string; message: string; line: number | null }[];
  failure_count: number;
  order: string;
  gid_requests: { gid: string; line: number }[];
}

export type P3Result<T> = { ok: true; value: T } | { ok: false; message: string; line: number | null; column: number | null };

async function post<T>(path: string, init: RequestInit): Promise<P3Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', cache: 'no-store', ...init });
  } catch (err) {
    return { ok: false, message: `cannot reach the service: ${err instanceof Error ? err.message : String(err)}`, line: null, column: null };
  }
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, message: text.slice(0, 300) || `HTTP ${res.status}`, line: null, column: null };
  }
  if (!res.ok || body.success === false) {
    return {
      ok: false,
      message: String(body.error ?? `HTTP ${res.status}`),
      line: typeof body.line === 'number' ? body.line : null,
      column: typeof body.column === 'number' ? body.column : null,
    };
  }
  return { ok: true, value: body as T };
}

export interface ChunkParams {
  token: string;
  streamId: string;
  budget: string;
  tx: string;
  rx: string;
}

/** Inputs are text fields: decimal or 0x-hex, sent as the route reads them. */
export function chunkSource(source: string, p: ChunkParams): Promise<P3Result<ChunkAnswer>> {
  const num = (v: string) => (/^0x[0-9a-f]+$/i.test(v.trim()) ? v.trim() : Number(v.trim()));
  return post<ChunkAnswer & { stats: { continuation_count: number } }>('/compile-chunk', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ source, token: p.token, stream_id: num(p.streamId), max_fdo_bytes: num(p.budget), tx: num(p.tx), rx: num(p.rx) }),
  }).then((r) => (r.ok ? { ok: true, value: { ...r.value, continuation_count: r.value.stats.continuation_count } } : r));
}

export function decodeCaptureFile(file: Blob, name: string): Promise<P3Result<CaptureAnswer>> {
  const form = new FormData();
  form.append('file', file, name);
  return post<CaptureAnswer>('/decompile-jsonl', { body: form });
}

/** Frames as capture lines (the capture's JSONL format). */
export function framesAsJsonl(frames: readonly P3FrameView[], token: string): string {
  const h2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;
  return (
    frames
      .map((f) =>
        JSON.stringify({
          dir: f.type & 0x80 ? 'C->S' : 'S->C',
          ts: String(Date.now() / 1000),
          token,
          type: h2(f.type),
          tx: h2(f.tx),
          rx: h2(f.rx),
          len: f.len,
          fullHex: f.hex.toLowerCase(),
        }),
      )
      .join('\n') + '\n'
  );
}
