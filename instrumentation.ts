import { plumbing } from './lib/config/runtime-env';

/**
 * Starts the FDO service (daemons and their supervisor) with the server, so the first
 * request does not pay for it and a bad configuration stops start-up with one clear line.
 */
export async function register(): Promise<void> {
  if (plumbing('NEXT_RUNTIME') !== 'nodejs') return;
  if (plumbing('NEXT_PHASE') === 'phase-production-build') return;
  const { bootService } = await import('./server/web/boot');
  await bootService();
  const { bootLibrary } = await import('./server/web/library-store');
  await bootLibrary();
}
