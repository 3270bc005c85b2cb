/**
 * Mutating admin routes (breaker reset, daemon restart) are protected by a bearer token
 * when ATOMFORGE_ADMIN_TOKEN is set; without it they are open, like the original service.
 */
import { timingSafeEqual } from 'node:crypto';
import { currentConfig } from '@/lib/config';
import { HttpError } from './http';

export function requireAdmin(request: Request, expected: string | null = currentConfig().adminToken): void {
  if (!expected) return;
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const given = Buffer.from(match?.[1] ?? '', 'utf8');
  const want = Buffer.from(expected, 'utf8');
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    throw new HttpError(401, 'this action needs the admin token: send Authorization: Bearer <ATOMFORGE_ADMIN_TOKEN>', {
      'WWW-Authenticate': 'Bearer realm="atomforge-admin"',
    });
  }
}
