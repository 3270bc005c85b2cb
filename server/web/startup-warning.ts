/** The one warning the service logs at start when its admin routes are reachable from elsewhere without a token. */
import type { WebSettings } from '@/lib/config';

/** true when HOST is an address only this machine can reach */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\./i.test(h);
}

/** The warning's text, or null when there is nothing to warn about. */
export function openAdminWarning(host: string, settings: Pick<WebSettings, 'adminToken'>): string | null {
  if (isLoopbackHost(host) || settings.adminToken !== null) return null;
  return (
    `listening on ${host}, beyond loopback, without ATOMFORGE_ADMIN_TOKEN: admin actions (reset, restart, resize) ` +
    'answer only clients from ATOMFORGE_LOCAL_ADDRESSES; set ATOMFORGE_ADMIN_TOKEN to manage the pool from elsewhere'
  );
}
