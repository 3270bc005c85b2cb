/**
 * The inputs of bench:p3, shared with bench/p3-capture.ts: the large DOD reply (as
 * source text) and a capture of distinct DOD replies with ACKs between them. Seeded, so
 * every run builds the same bytes.
 */
import { compile } from '../../lib/fdo';
import { buildFrame, chunkScripts, frameRecord, captureTimestamp } from '../../lib/p3';
import { seededRandom, randomInt } from '../../test/support/random';

const rand = seededRandom(9);

function hexBytes(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`${randomInt(rand, 256).toString(16).padStart(2, '0')}x`);
  return out.join(',');
}

/** The large DOD reply of the issue: 252 dod_data atoms, 251 of 150 bytes and one of 41. */
export function largeDodReply(gid: number): string {
  const lines = [
    'uni_start_stream',
    '  uni_start_stream',
    '    dod_start',
    `    uni_transaction_id <${16_866_000 + gid}>`,
    '    dod_no_hints',
    '    dod_form_id <255-0-61476>',
    `    dod_gid <1-1-${gid}>`,
    '    dod_type <2>',
  ];
  for (let i = 0; i < 252; i++) lines.push(`    dod_data <${hexBytes(i < 251 ? 150 : 41)}>`);
  lines.push('    dod_end_data', '    dod_end', '  uni_end_stream', 'man_update_woff_end_stream <00x>', '');
  return lines.join('\n');
}

/** A reply as in the capture: one piece of art (1,000-2,500 bytes) in a single dod_data atom. */
function captureReply(gid: number): Uint8Array {
  const art = 1000 + randomInt(rand, 1500);
  return compile(
    [
      'uni_start_stream',
      '  uni_start_stream',
      '    dod_start',
      `    uni_transaction_id <${gid}>`,
      '    dod_no_hints',
      '    dod_form_id <255-0-61476>',
      `    dod_gid <1-1-${gid & 0xffff}>`,
      '    dod_type <2>',
      `    dod_data <${hexBytes(art)}>`,
      '    dod_end_data',
      '    dod_end',
      '  uni_end_stream',
      'man_update_woff_end_stream <00x>',
      '',
    ].join('\n'),
  );
}

export function buildCapture(frames: number): { text: string; frames: number; streams: number } {
  const lines: string[] = [];
  let tx = 0x10;
  let clientTx = 0x10;
  let streams = 0;
  let t = 1_756_547_431.24;
  while (lines.length < frames) {
    const id = 0x100 + streams++;
    const r = chunkScripts([captureReply(id)], { streamId: id, tx, rx: clientTx });
    tx = r.nextTx;
    for (const f of r.frames) {
      if (lines.length >= frames) break;
      lines.push(JSON.stringify(frameRecord(f, captureTimestamp((t += 0.001)))));
    }
    if (lines.length < frames) {
      const ack = buildFrame({ tx: clientTx, rx: tx, type: 0xa4, payload: new Uint8Array(0) });
      lines.push(
        JSON.stringify({
          dir: 'C->S',
          ts: captureTimestamp((t += 0.001)),
          token: '9B',
          type: '0xA4',
          tx: '0x10',
          rx: '0x10',
          len: 3,
          fullHex: Buffer.from(ack).toString('hex'),
        }),
      );
      clientTx = clientTx === 0x7f ? 0x10 : clientTx + 1;
    }
  }
  return { text: lines.join('\n') + '\n', frames: lines.length, streams };
}
