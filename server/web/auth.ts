/**
 * Who may use the mutating admin routes (breaker reset, daemon restart, resize, rolling
 * restart), safe by default:
 * - With ATOMFORGE_ADMIN_TOKEN set: `Authorization: Bearer <token>`, from any client.
 * - Without it: only clients whose address is in ATOMFORGE_LOCAL_ADDRESSES (loopback by
 *   default), by the socket's address; everyone else gets 403 naming the variable.
 * Always: only `application/json` bodies (415), and never a request that shows it comes
 * from another site (403), so no HTML form and no `no-cors` fetch elsewhere can drive them.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { WebSettings } from '@/lib/config';
import { HttpError, mediaType } from './http';
import { addressList, clientAddress, inList, stampedPeer } from './peer';
import { webSettings } from './settings';

/** What the dashboard is told about its own standing, so it can say why a button is refused. */
export interface AdminAccess {
  token_required: boolean;
  /** without a token: whether this client counts as local */
  local_client: boolean;
  /** null when admin actions are open to this client (perhaps after giving the token) */
  refused_because: string | null;
}

const lists = new WeakMap<WebSettings, { local: ReturnType<typeof addressList>; trusted: ReturnType<typeof addressList> }>();

function listsOf(settings: WebSettings) {
  let l = lists.get(settings);
  if (!l) {
    l = { local: addressList(settings.localAddresses), trusted: addressList(settings.trustedProxies) };
    lists.set(settings, l);
  }
  return l;
}

function clientOf(request: Request, settings: WebSettings): string | null {
  return clientAddress(stampedPeer(request), request.headers.get('x-forwarded-for'), listsOf(settings).trusted);
}

function notLocalMessage(client: string | null): string {
  const who = client ? `from ${client}` : 'from a client whose address is not known to be local';
  return (
    `admin actions ${who} are refused: without ATOMFORGE_ADMIN_TOKEN they are allowed only from local addresses ` +
    '(ATOMFORGE_LOCAL_ADDRESSES); set ATOMFORGE_ADMIN_TOKEN on the server to use them from elsewhere'
  );
}

export function adminAccess(request: Request, settings: WebSettings = webSettings()): AdminAccess {
  if (settings.adminToken !== null) return { token_required: true, local_client: false, refused_because: null };
  const client = clientOf(request, settings);
  const local = client !== null && inList(listsOf(settings).local, client);
  return { token_required: false, local_client: local, refused_because: local ? null : notLocalMessage(client) };
}

/**
 * Same origin, or no browser context at all (curl, scripts); anything else is another
 * site. Behind a trusted proxy the browser's host is the one the proxy forwards.
 */
function requireSameOrigin(request: Request, settings: WebSettings): void {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    throw new HttpError(403, `admin actions are refused from another site (Sec-Fetch-Site: ${site.slice(0, 40)})`);
  }
  const origin = request.headers.get('origin');
  if (origin === null) return;
  let originHost: string | null;
  try {
    originHost = origin === 'null' ? null : new URL(origin).host.toLowerCase();
  } catch {
    originHost = null;
  }
  const hosts = [(request.headers.get('host') ?? new URL(request.url).host).toLowerCase()];
  const peer = stampedPeer(request);
  const forwardedHost = request.headers.get('x-forwarded-host');
  if (forwardedHost && peer !== null && inList(listsOf(settings).trusted, peer)) hosts.push(forwardedHost.split(',')[0]!.trim().toLowerCase());
  if (originHost === null || !hosts.includes(originHost))
    throw new HttpError(403, `admin actions are refused from another origin (Origin: ${origin.slice(0, 100)})`);
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** Throws the HttpError (403, 415, 401) that refuses this admin request, if any. */
export function requireAdmin(request: Request, settings: WebSettings = webSettings()): void {
  requireSameOrigin(request, settings);
  const type = mediaType(request);
  if (type !== 'application/json') {
    throw new HttpError(
      415,
      `admin actions take an application/json body (send Content-Type: application/json${type ? `, not ${type.slice(0, 60)}` : ''}; the body may be {})`,
    );
  }
  if (settings.adminToken === null) {
    const access = adminAccess(request, settings);
    if (access.refused_because) throw new HttpError(403, access.refused_because);
    return;
  }
  const match = /^Bearer\s+(.+)$/i.exec((request.headers.get('authorization') ?? '').trim());
  if (!match || !tokenMatches(match[1]!, settings.adminToken)) {
    throw new HttpError(401, 'this action needs the admin token: send Authorization: Bearer <ATOMFORGE_ADMIN_TOKEN>', {
      'WWW-Authenticate': 'Bearer realm="atomforge-admin"',
    });
  }
}
