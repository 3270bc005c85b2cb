/**
 * Runs before every Next page and route handler: a fresh script nonce and the page CSP per
 * request (Next reads the nonce from the request's CSP header and puts it on its own inline
 * scripts; the layout puts it on the theme script), the other security headers, and a 400
 * JSON for paths whose percent-escapes do not decode (Next would answer a plain-text 500).
 * The production fast path (server/web/fast-path.ts) sets the same headers itself.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { pageCsp, securityHeaders } from '@/server/web/security-headers';

export function proxy(request: NextRequest): NextResponse {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.json(
      { success: false, error: 'the request path has a malformed percent-escape' },
      { status: 400, headers: { ...securityHeaders('api'), 'Cache-Control': 'no-store' } },
    );
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(securityHeaders('page'))) response.headers.set(name, value);
  response.headers.set('Content-Security-Policy', csp);
  return response;
}
