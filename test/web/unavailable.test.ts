/** What the routes answer when the service cannot serve: a failed start, and every daemon hung. */
import { afterAll, describe, expect, it } from 'vitest';
import * as compileRoute from '@/app/compile/route';
import * as healthRoute from '@/app/health/route';
import * as poolHealthRoute from '@/app/health/pool/route';
import { startWebService, stopWebService, useWebService } from '@/server/web/web-service';
import { get, post, startTestService, type Started } from './support';

let started: Started | null = null;

afterAll(async () => {
  await stopWebService();
  await started?.stop();
});

describe('a service that failed to start', () => {
  it('answers 503 with Retry-After, and /health says unhealthy', async () => {
    await expect(startWebService({ FDO_DAEMON_POOL_ENABLED: 'true', FDO_DAEMON_POOL_SIZE: '0' })).rejects.toThrow(/FDO_DAEMON_POOL_SIZE/);
    const res = await compileRoute.POST(post('/compile', 'uni_start_stream\n', { 'Content-Type': 'text/plain' }));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await res.json()).error).toMatch(/failed to start.*FDO_DAEMON_POOL_SIZE/s);
    const health = await healthRoute.GET();
    expect(health.status).toBe(503);
    expect((await health.json()).status).toBe('unhealthy');
    expect((await poolHealthRoute.GET(get('/health/pool'))).status).toBe(503);
    await stopWebService();
  });
});

describe('a single daemon that hangs (SIGSTOP)', () => {
  it("gives 503 with the pool's Retry-After once nothing can serve, and /health 503", async () => {
    started = await startTestService({ FDO_DAEMON_REQUEST_TIMEOUT: '0.3', FDO_DAEMON_MAX_RETRIES: '1', FDO_DAEMON_QUEUE_TIMEOUT: '0.2' });
    useWebService(started.service);
    const pid = started.service.poolHealth().instances[0]!.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      let last: Response | null = null;
      for (let i = 0; i < 20; i++) {
        last = await compileRoute.POST(post('/compile', 'uni_start_stream\nuni_end_stream\n', { 'Content-Type': 'text/plain' }));
        if (last.status === 503) break;
      }
      expect(last!.status).toBe(503);
      expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = await last!.json();
      expect(body.success).toBe(false);
      expect(body.error.length).toBeGreaterThan(0);
      const health = await healthRoute.GET();
      expect(health.status).toBe(503);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });
});
