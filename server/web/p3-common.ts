/** What the P3 routes share: the request they read, numeric fields, bounded fan-out to the service. */
import type { FdoService } from '@/lib/service/contract';
import type { CodecRequest } from './codec-routes';
import { HttpError } from './http';
import { MAX_P3_CONCURRENCY } from './p3-limits';

/** A codec request that may also carry the whole Content-Type header (for a multipart boundary). */
export interface P3Request extends CodecRequest {
  contentTypeHeader?: string;
}

/** An integer field given as a JSON number or a "0x.."/decimal string; undefined when absent. */
export function integerField(body: Record<string, unknown>, name: string): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^0x[0-9a-f]{1,8}$/i.test(v.trim())) return parseInt(v.trim().slice(2), 16);
  if (typeof v === 'string' && /^[0-9]{1,10}$/.test(v.trim())) return parseInt(v.trim(), 10);
  throw new HttpError(400, `"${name}" must be an integer (a number, or a string such as "0x63")`);
}

/** How many requests to keep in flight: one per healthy daemon, at least one, at most the cap. */
export function fanOut(service: FdoService): number {
  let healthy: number;
  try {
    healthy = service.poolHealth().instances_healthy;
  } catch {
    healthy = 1;
  }
  return Math.max(1, Math.min(MAX_P3_CONCURRENCY, healthy));
}

/** Runs `job` over the items with at most `limit` in flight, results in item order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
