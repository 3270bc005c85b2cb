'use client';
/**
 * The browser's library client (same origin) and how its errors read to a person. Every
 * change goes through `authorized`: the library token is sent when one is kept, and a 401
 * asks for it (ATOMFORGE_LIBRARY_TOKEN) and tries again.
 */
import { createLibraryClient, type LibraryResult } from '@/lib/library/client';
import type { ServiceError } from '@/lib/service/contract';
import { useLibraryTokenStore } from '@/lib/ui/library-token-store';
import { retryWithToken, type TokenKeeper } from '@/lib/ui/token-retry';

export const LIBRARY_TOKEN_SETTING = 'ATOMFORGE_LIBRARY_TOKEN';

const tokens = () => useLibraryTokenStore.getState();

export const library = createLibraryClient({ token: () => tokens().token });

const keeper: TokenKeeper = {
  current: () => tokens().token,
  keep: (token) => tokens().setToken(token),
  ask: (reason) => new Promise((resolve) => tokens().askForToken(reason, resolve, () => resolve(null))),
};

/** a change to the library, with the token asked for on 401 */
export function authorized<T>(call: () => Promise<LibraryResult<T>>): Promise<LibraryResult<T>> {
  return retryWithToken(call, keeper, LIBRARY_TOKEN_SETTING);
}

export function errorText(error: ServiceError): string {
  if (error.status === 401)
    return `401 Unauthorized: changing the library needs the token the operator set (${LIBRARY_TOKEN_SETTING}); make the change again to enter it`;
  if (error.status === 403) return `403 Forbidden: the library refused this change: ${error.message}`;
  const where = error.line !== null ? ` (line ${error.line}${error.column !== null ? `, column ${error.column}` : ''})` : '';
  const status = error.status ? `${error.status} ` : '';
  return `${status}${error.kind}: ${error.message}${where}`;
}

export type Failed = Extract<LibraryResult<unknown>, { ok: false }>;
