/**
 * POST /compile-chunk, /detect-fdo and /decompile-jsonl through the app's route modules,
 * against a real pool of built-in daemons on free loopback ports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile as compileLocal, decompile as decompileLocal } from '@/lib/fdo';
import { buildFrame, chunkScripts, decodeCapture, payloadHeader, toHex } from '@/lib/p3';
import { useWebService } from '@/server/web/web-service';
import * as compileChunkRoute from '@/app/compile-chunk/route';
import * as detectRoute from '@/app/detect-fdo/route';
import * as decompileJsonlRoute from '@/app/decompile-jsonl/route';
import { asCaptureJsonl, captureLines, captureText } from '../p3/support';
import { loadCorpus } from '../support/corpus';
import { post, startTestService, type Started } from './support';

let started: Started;

beforeAll(async () => {
  started = await startTestService({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '2' });
  useWebService(started.service);
});

afterAll(async () => {
  await started?.stop();
});

const json = (body: unknown) => post('/compile-chunk', JSON.stringify(body), { 'Content-Type': 'application/json' });
const lines = captureLines();
const report = decodeCapture(captureText());
const host = (id: string) => report.streams.find((s) => s.direction === 'S->C' && s.streamIdHex === id)!;
const capturedHex = (id: string) => lines.filter((l) => l.dir === 'S->C' && l.fullHex.slice(20, 24).toUpperCase() === id).map((l) => l.fullHex.toUpperCase());

describe('POST /compile-chunk', () => {
  it("chunks a decompiled reply into the capture's frames, with the original fields and the new ones", async () => {
    const s = host('0063');
    const res = await compileChunkRoute.POST(
      json({ source: decompileLocal(s.fdo), token: 'AT', stream_id: 0x63, validate_first: true, tx: s.txFirst, rx: s.scripts[0]!.rx }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.success).toBe(true);
    expect(body.error).toBeNull();
    expect(body.frames.map((f: { hex: string }) => f.hex)).toEqual(capturedHex('0063'));
    expect(body.chunk_count).toBe(7);
    expect(body.chunks).toHaveLength(7);
    expect(Buffer.from(body.chunks[0], 'base64').subarray(0, 4)).toEqual(Buffer.from([0x41, 0x54, 0x00, 0x63]));
    expect(body.chunk_info[1]).toMatchObject({ index: 1, size: 125, is_continuation: true, sequence_index: 1 });
    expect(body.chunk_info[1].hex).toMatch(/^[0-9A-F]+$/);
    expect(body.stats).toMatchObject({ chunk_count: 7, header_size: 4, token: 'AT', stream_id: 0x63, continuation_count: 6 });
    expect(body.total_size).toBe(body.chunk_info.reduce((n: number, c: { size: number }) => n + c.size, 0));
    expect(body.frames[0]).toMatchObject({
      index: 0,
      tx: 0x76,
      rx: 0x2a,
      type: 0x20,
      type_name: 'DATA',
      len: 51,
      token: 'AT',
      stream_id: 0x63,
      fdo_size: 44,
      large_atom: ['start'],
    });
    expect(Buffer.from(body.frames[0].base64, 'base64').toString('hex').toUpperCase()).toBe(body.frames[0].hex);
  });

  it('takes a batch (multi-GID reply): each source starts a new frame', async () => {
    const a = decompileLocal(host('0063').fdo);
    const b = decompileLocal(host('0064').fdo);
    const res = await compileChunkRoute.POST(json({ sources: [a, b], stream_id: '0x0063', max_fdo_bytes: 200 }));
    expect(res.status).toBe(200);
    const body = await res.json();
    const want = chunkScripts([compileLocal(a), compileLocal(b)], { streamId: 0x63, budget: 200 });
    expect(body.frames.map((f: { hex: string }) => f.hex)).toEqual(want.frames.map((f) => toHex(f.bytes)));
    expect(body.sources.map((x: { frames: number }) => x.frames)).toEqual([
      want.frames.filter((f) => f.script === 0).length,
      want.frames.filter((f) => f.script === 1).length,
    ]);
    expect(body.max_fdo_bytes).toBe(200);
  });

  it('a token of quote and backslash still gives valid JSON', async () => {
    const res = await compileChunkRoute.POST(json({ source: 'uni_start_stream\nuni_end_stream\n', token: '"\\' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.frames[0].token).toBe('"\\');
    expect(body.stats.token).toBe('"\\');
    expect(body.frames[0].hex.slice(16, 20)).toBe('225C');
  });

  it('writes the little-endian stream id only when asked by name', async () => {
    const src = 'uni_start_stream\nuni_end_stream\n';
    const big = await (await compileChunkRoute.POST(json({ source: src, stream_id: 0x1234 }))).json();
    const little = await (await compileChunkRoute.POST(json({ source: src, stream_id: 0x1234, stream_id_order: 'little' }))).json();
    expect(big.frames[0].hex.slice(16, 24)).toBe('41541234');
    expect(little.frames[0].hex.slice(16, 24)).toBe('41543412');
  });

  it('answers a compile error with 400, line, column and which source of the batch', async () => {
    const good = 'uni_start_stream\nuni_end_stream\n';
    const bad = 'uni_start_stream\n  mat_orientashun <vcf>\nuni_end_stream\n';
    const res = await compileChunkRoute.POST(json({ sources: [good, good, bad] }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ success: false, source_index: 2, line: 2, column: 3 });
    expect(body.error).toMatch(/^sources\[2\] \(line 2, column 3\): /);
    expect(body.daemon.normalized).toMatchObject({ line: 2, column: 3, kind: 'Unrecognized Atom' });
  });

  it('refuses bad requests with clear 4xx JSON', async () => {
    const cases: [Request, number, RegExp][] = [
      [post('/compile-chunk', 'uni_start_stream', { 'Content-Type': 'text/plain' }), 415, /application\/json/],
      [post('/compile-chunk', ' ', { 'Content-Type': 'application/json' }), 400, /not valid JSON/],
      [post('/compile-chunk', '', { 'Content-Type': 'application/json' }), 400, /not valid JSON/],
      [json([1]), 400, /JSON object/],
      [json({}), 400, /either "source"/],
      [json({ source: 'x', sources: ['y'] }), 400, /either "source"/],
      [json({ source: ' ' }), 400, /empty/],
      [json({ sources: [] }), 400, /non-empty array/],
      [json({ sources: ['uni_start_stream', 7] }), 400, /sources\[1\] must be a string/],
      [json({ sources: Array(1001).fill('uni_start_stream') }), 413, /at most 1000/],
      [json({ source: 'uni_start_stream', token: 'ATX' }), 400, /Bad Token/],
      [json({ source: 'uni_start_stream', token: 'f2' }), 400, /Bad Token/],
      [json({ source: 'uni_start_stream', stream_id: 70000 }), 400, /Bad Stream Id/],
      [json({ source: 'uni_start_stream', stream_id: 'sixty' }), 400, /"stream_id" must be an integer/],
      [json({ source: 'uni_start_stream', max_fdo_bytes: 3 }), 400, /Bad Budget/],
      [json({ source: 'uni_start_stream', tx: 0x80 }), 400, /Bad Sequence/],
      [json({ source: 'uni_start_stream', type: 0x24 }), 400, /Bad Type/],
      [json({ source: 'uni_start_stream', stream_id_order: 'middle' }), 400, /stream_id_order/],
      [json({ source: 'uni_start_stream ĀĀ' }), 400, /outside Latin-1/],
      [
        post('/compile-chunk', '{"source":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}', { 'Content-Type': 'application/json' }),
        400,
        /nested deeper than 64 levels/,
      ],
    ];
    for (const [req, status, message] of cases) {
      const res = await compileChunkRoute.POST(req);
      const body = await res.json();
      expect([res.status, body.success], String(message)).toEqual([status, false]);
      expect(body.error).toMatch(message);
    }
  });

  it('refuses a batch whose frames would exceed the bound, before chunking', async () => {
    const big = `man_append_data <"${'x'.repeat(30_000)}">\n`;
    const res = await compileChunkRoute.POST(json({ sources: Array(150).fill(big), max_fdo_bytes: 20 }));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/(frames|bytes)/);
  });

  it('answers 8 requests at a time, each with its own frames, and the daemons stay healthy', async () => {
    const sources = ['0062', '0063', '0064', 'B78E', 'CEBF'].map((id) => decompileLocal(host(id).fdo));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => compileChunkRoute.POST(json({ source: sources[i % 5], stream_id: i }))));
    for (const [i, res] of results.entries()) {
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.frames.map((f: { hex: string }) => f.hex)).toEqual(
        chunkScripts([compileLocal(sources[i % 5]!)], { streamId: i }).frames.map((f) => toHex(f.bytes)),
      );
    }
    expect(started.service.health().status).toBe('healthy');
  });
});

describe('POST /detect-fdo', () => {
  const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
  const detect = (body: unknown) => detectRoute.POST(post('/detect-fdo', JSON.stringify(body), { 'Content-Type': 'application/json' }));

  it('reports a host DATA frame with the big-endian stream id, CRC and LEN checked', async () => {
    const frame = lines.find((l) => l.dir === 'S->C' && l.tx === '0x76')!.fullHex;
    const body = await (await detect({ p3_frame: b64(frame) })).json();
    expect(body).toMatchObject({
      success: true,
      fdo_detected: true,
      p3_frame_valid: true,
      error: null,
      p3_metadata: {
        packet_type: 'DATA',
        packet_type_value: 0x20,
        tx_seq: 0x76,
        rx_seq: 0x2a,
        data_length: 48,
        len: 51,
        frame_size: 57,
        client_packet: false,
        crc_valid: true,
        crc: '0x7841',
      },
      fdo_metadata: { token: 'AT', stream_id: 0x63, stream_id_hex: '0063', header_size: 4, fdo_size: 44, total_payload_size: 48 },
      frame_count: 1,
    });
    expect(Buffer.from(body.fdo_data, 'base64').toString('hex')).toBe(frame.slice(24, -2));
  });

  it('reports f2 as a GID request, not FDO', async () => {
    const body = await (await detect({ p3_frame: b64('5a474500092b7ca0663201015dee0d') })).json();
    expect(body).toMatchObject({
      fdo_detected: false,
      p3_frame_valid: true,
      gid_request: { gid: '1-1-24046' },
      fdo_metadata: { token: 'f2', kind: 'gid', stream_id: null },
    });
    expect(body.p3_metadata.client_packet).toBe(true);
  });

  it('reports every frame of a buffer, a bad CRC among them, in order', async () => {
    const good = lines.find((l) => l.tx === '0x76')!.fullHex;
    const bad = '5a97ae0003286ea40d';
    const body = await (
      await detectRoute.POST(post('/detect-fdo', Buffer.from(good + bad + '5a62fc00033e2f260d', 'hex'), { 'Content-Type': 'application/octet-stream' }))
    ).json();
    expect(body.frame_count).toBe(3);
    expect(body.p3_frame_valid).toBe(false);
    expect(body.frames.map((f: { valid: boolean; p3_metadata: { packet_type: string } }) => [f.valid, f.p3_metadata.packet_type])).toEqual([
      [true, 'DATA'],
      [false, 'ACK'],
      [true, 'HEARTBEAT'],
    ]);
    expect(body.frames[1].p3_metadata).toMatchObject({ crc: '0x97AE', crc_computed: '0x97AD', crc_valid: false });
    expect(body.failures).toEqual([expect.objectContaining({ check: 'crc', offset: good.length / 2 + 1 })]);
  });

  it('answers junk with p3_frame_valid false and the failed check; bad input with 4xx', async () => {
    const junk = await (await detect({ p3_frame: b64('5a0000ffff') })).json();
    expect(junk).toMatchObject({ success: true, p3_frame_valid: false, fdo_detected: false, frame_count: 0 });
    expect(junk.error).toMatch(/^short: /);
    for (const [req, status] of [
      [post('/detect-fdo', JSON.stringify({ p3_frame: '***' }), { 'Content-Type': 'application/json' }), 400],
      [post('/detect-fdo', JSON.stringify({ p3_frame: '' }), { 'Content-Type': 'application/json' }), 400],
      [post('/detect-fdo', JSON.stringify({}), { 'Content-Type': 'application/json' }), 400],
      [post('/detect-fdo', 'x', { 'Content-Type': 'text/plain' }), 415],
    ] as const) {
      expect((await detectRoute.POST(req)).status).toBe(status);
    }
  });

  it('bounds the frames it lists', async () => {
    const many = Buffer.from('5a62fc00033e2f260d'.repeat(5000), 'hex');
    const body = await (await detectRoute.POST(post('/detect-fdo', many, { 'Content-Type': 'application/octet-stream' }))).json();
    expect(body.frame_count).toBe(5000);
    expect(body.frames).toHaveLength(1000);
  });
});

describe('POST /decompile-jsonl', () => {
  it('takes the capture as the multipart field "file" and answers every stream\'s text', async () => {
    const form = new FormData();
    form.append('file', new Blob([captureText()], { type: 'application/x-ndjson' }), 'frame.jsonl');
    const res = await decompileJsonlRoute.POST(post('/decompile-jsonl', form));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.success).toBe(true);
    expect(body.stream_count).toBe(report.streams.length);
    for (const s of report.streams) {
      const text = decompileLocal(s.fdo);
      expect(body.source).toContain(text);
      const title = body.source.split('\n').find((l: string) => l.startsWith(`; ${s.direction} ${s.token} ${s.streamIdHex} `));
      expect(title).toMatch(/frames? \d+/);
    }
    // source: each stream's text under its title line, nothing else
    expect(body.source).toBe(body.streams.map((s: { title: string; text: string }) => `; ${s.title}\n${s.text}`).join(''));
    expect(body.output_size).toBe(body.source.length);
    const s63 = body.streams.find((s: { direction: string; stream_id_hex: string }) => s.direction === 'S->C' && s.stream_id_hex === '0063');
    expect(s63).toMatchObject({ token: 'AT', frames: 7, large_atoms: 1, failures: [], dod: { form_ids: ['255-0-61476'], gids: ['1-1-24046'] } });
    expect(s63.dod.art[0]).toMatchObject({ kind: 'JG', width: 300, height: 220, size: 596 });
    expect(s63.text).toBe(decompileLocal(host('0063').fdo));
    expect(body.frames_skipped).toMatchObject({ control: 22, gid_requests: 4, bad_frames: 0 });
    expect(body.gid_requests).toHaveLength(4);
  });

  it("takes the capture as an application/x-ndjson body, and wiretap's newest-first {len, fullHex} lines", async () => {
    const direct = await (await decompileJsonlRoute.POST(post('/decompile-jsonl', captureText(), { 'Content-Type': 'application/x-ndjson' }))).json();
    const minimal = [...lines]
      .reverse()
      .map((l) => JSON.stringify({ len: l.len, fullHex: l.fullHex }))
      .join('\n');
    const wiretap = await (await decompileJsonlRoute.POST(post('/decompile-jsonl', minimal, { 'Content-Type': 'application/x-ndjson' }))).json();
    expect(wiretap.order).toBe('reversed');
    expect(wiretap.streams.map((s: { text: string }) => s.text)).toEqual(direct.streams.map((s: { text: string }) => s.text));
  });

  it('reports bad frames and truncated large atoms, and still decompiles the rest', async () => {
    const text = lines.map((l, i) => JSON.stringify(i === 12 ? { ...l, fullHex: l.fullHex.slice(0, 60) } : l)).join('\n');
    const res = await decompileJsonlRoute.POST(post('/decompile-jsonl', text, { 'Content-Type': 'application/x-ndjson' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.failures).toEqual([expect.objectContaining({ check: 'short', line: 13 })]);
    expect(body.frames_skipped.bad_frames).toBe(1);
    const s63 = body.streams.find((s: { direction: string; stream_id_hex: string }) => s.direction === 'S->C' && s.stream_id_hex === '0063');
    expect(s63.failures.length).toBeGreaterThan(0);
    expect(body.streams.filter((s: { failures: unknown[]; text: string | null }) => s.failures.length === 0 && s.text !== null).length).toBe(
      report.streams.length - 1,
    );
  });

  it('answers hostile bodies with 4xx JSON, never 5xx', async () => {
    const cases: [Request, number][] = [
      [post('/decompile-jsonl', ' ', { 'Content-Type': 'application/x-ndjson' }), 400],
      [post('/decompile-jsonl', '', { 'Content-Type': 'application/x-ndjson' }), 400],
      [post('/decompile-jsonl', 'x', { 'Content-Type': 'application/x-ndjson' }), 422],
      [post('/decompile-jsonl', '['.repeat(1_000_000), { 'Content-Type': 'application/x-ndjson' }), 422],
      [post('/decompile-jsonl', 'a', { 'Content-Type': 'image/png' }), 415],
      [
        post('/decompile-jsonl', '--xyz\r\nContent-Disposition: form-data; name="other"\r\n\r\nabc\r\n--xyz--\r\n', {
          'Content-Type': 'multipart/form-data; boundary=xyz',
        }),
        400,
      ],
      [post('/decompile-jsonl', 'no boundary here', { 'Content-Type': 'multipart/form-data' }), 400],
    ];
    for (const [req, status] of cases) {
      const res = await decompileJsonlRoute.POST(req);
      expect(res.status).toBe(status);
      expect((await res.json()).success).toBe(false);
    }
    // a stream the decompiler rejects (an atom cut short) is reported on that stream only
    const fdo = compileLocal('uni_start_stream\nman_append_data <"abcdef">\nuni_end_stream\n');
    const cut = buildFrame({ tx: 0x10, rx: 0x10, type: 0x20, payload: new Uint8Array([...payloadHeader('AT', 5), ...fdo.subarray(0, fdo.length - 5)]) });
    const withEnd = Buffer.from(cut);
    const res = await decompileJsonlRoute.POST(post('/decompile-jsonl', withEnd.toString('hex'), { 'Content-Type': 'application/x-ndjson' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.streams[0].decompile_error.status).toBeGreaterThanOrEqual(400);
    expect(body.streams[0].decompile_error.status).toBeLessThan(500);
    expect(body.streams[0].failures[0].check).toBe('atom');
    expect(started.service.health().status).toBe('healthy');
  });

  it('many host streams (corpus forms, unbalanced ones among them) share daemon requests and come back exactly as alone', async () => {
    const forms = [...loadCorpus('samples'), ...loadCorpus('generated').slice(0, 300)].map((p) => p.binary);
    forms.splice(5, 0, compileLocal('uni_start_stream\n  man_start_object <ind_group, "open">\n'), compileLocal('uni_end_stream\nuni_end_stream\n'));
    forms.splice(40, 0, compileLocal('man_start_object <ind_group, "x">\n'), compileLocal('uni_start_stream\n  uni_start_stream\n    uni_start_stream\n'));
    let tx = 0x10;
    const frames = forms.flatMap((bin, i) => {
      const r = chunkScripts([bin], { streamId: 0x1000 + i, tx, rx: 0x20 });
      tx = r.nextTx;
      return r.frames;
    });
    const before = started.service.poolHealth().total_requests;
    const res = await decompileJsonlRoute.POST(post('/decompile-jsonl', asCaptureJsonl(frames), { 'Content-Type': 'application/x-ndjson' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    const requests = started.service.poolHealth().total_requests - before;
    expect(body.streams).toHaveLength(forms.length);
    for (const [i, s] of body.streams.entries()) expect(s.text, `stream ${i}`).toBe(decompileLocal(forms[i]!));
    expect(requests).toBeLessThan(forms.length / 4);
  });

  it('8 captures at a time are all answered, each with its own streams', async () => {
    const text = captureText();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => decompileJsonlRoute.POST(post('/decompile-jsonl', text, { 'Content-Type': 'application/x-ndjson' }))),
    );
    for (const res of results) {
      expect(res.status).toBe(200);
      expect((await res.json()).stream_count).toBe(report.streams.length);
    }
    expect(started.service.health().status).toBe('healthy');
  });

  it('10^4 random lines: a result with failures, in bounded time', async () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const out: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const l = lines[Math.floor(rnd() * lines.length)]!;
      out.push(rnd() < 0.5 ? JSON.stringify(l) : JSON.stringify(l).slice(0, Math.floor(rnd() * 200)));
    }
    const t0 = performance.now();
    const res = await decompileJsonlRoute.POST(post('/decompile-jsonl', out.join('\n'), { 'Content-Type': 'application/x-ndjson' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.failure_count).toBeGreaterThan(1000);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });
});
