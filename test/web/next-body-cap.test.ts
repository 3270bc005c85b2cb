import { describe, expect, it } from 'vitest';
import { MAX_ANY_BODY_BYTES, MAX_BODY_BYTES } from '@/server/web/limits';
import { MAX_CAPTURE_BYTES } from '@/server/web/p3-limits';
import { MAX_IMPORT_ZIP_BYTES } from '@/lib/library/limits';
import { MAX_JSON_BODY_BYTES } from '@/server/web/library-routes';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nextConfig = require('../../next.config.js') as { experimental: { proxyClientMaxBodySize: number } };

describe('the bodies Next reads', () => {
  it('hands every route its whole body: the proxy keeps as much as the largest route takes', () => {
    expect(nextConfig.experimental.proxyClientMaxBodySize).toBe(MAX_ANY_BODY_BYTES);
  });

  it('the server-wide cut-off is above every route limit', () => {
    for (const limit of [MAX_BODY_BYTES, MAX_CAPTURE_BYTES, MAX_IMPORT_ZIP_BYTES, MAX_JSON_BODY_BYTES]) expect(MAX_ANY_BODY_BYTES).toBeGreaterThan(limit);
  });
});
