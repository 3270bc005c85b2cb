/**
 * The security headers of every answer: pages (through proxy.ts, with a fresh script nonce
 * per request, since Next's inline scripts differ per page) and API answers (the fast path,
 * Next's route handlers, the production server's own refusals). Nothing may frame the
 * service, sniff a type, or carry its URLs to another site.
 */

const COMMON: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** API answers are data, never a document: nothing runs or loads in them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Pages: scripts only with the request's nonce (Next puts it on its own scripts, the layout
 * on the theme script); 'strict-dynamic' lets those load the chunks they import. Styles
 * may be inline: React and the charts render style attributes into the HTML, and the
 * editor (CodeMirror) adds <style> elements at run time; a style cannot run code.
 */
export function pageCsp(nonce: string, dev = false): string {
  return documentCsp(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`);
}

/**
 * The build's assets (server/web/static-assets.ts): the page's policy without a nonce.
 * It governs what a worker script loads (the editor's live-compile worker imports its
 * chunks): same-origin scripts only, no eval, as in the page.
 */
export function assetCsp(): string {
  return documentCsp("script-src 'self'");
}

function documentCsp(scriptSrc: string): string {
  return [
    "default-src 'self'",
    scriptSrc,
    // no nonce here: beside a nonce, browsers ignore 'unsafe-inline'
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers of an API answer (kind 'api'), or of a page without its CSP (kind 'page'; proxy.ts adds it). */
export function securityHeaders(kind: 'api' | 'page' = 'api'): Record<string, string> {
  return kind === 'api' ? { ...COMMON, 'Content-Security-Policy': API_CSP } : { ...COMMON };
}
