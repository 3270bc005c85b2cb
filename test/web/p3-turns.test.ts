/** The gate that bounds how many captures are decoded at once. */
import { describe, expect, it } from 'vitest';
import { HttpError } from '@/server/web/http';
import { Turns } from '@/server/web/p3-turns';

describe('Turns', () => {
  it('lets `limit` in at once, queues up to `maxWaiting` in order, refuses the rest with 503', async () => {
    const turns = new Turns(2, 2, 'things');
    const order: number[] = [];
    const a = await turns.take();
    const b = await turns.take();
    const c = turns.take().then((release) => {
      order.push(3);
      return release;
    });
    const d = turns.take().then((release) => {
      order.push(4);
      return release;
    });
    await expect(turns.take()).rejects.toMatchObject({ status: 503, headers: { 'Retry-After': expect.any(String) } });
    await expect(turns.take()).rejects.toBeInstanceOf(HttpError);
    a();
    a(); // releasing twice gives no extra turn
    const releaseC = await c;
    expect(order).toEqual([3]);
    b();
    const releaseD = await d;
    expect(order).toEqual([3, 4]);
    releaseC();
    releaseD();
    // all free again: two immediate turns
    const e = await turns.take();
    const f = await turns.take();
    e();
    f();
  });
});
