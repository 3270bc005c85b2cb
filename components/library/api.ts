'use client';
/** The browser's library client (same origin) and how its errors read to a person. */
import { createLibraryClient, type LibraryResult } from '@/lib/library/client';
import type { ServiceError } from '@/lib/service/contract';

export const library = createLibraryClient();

export function errorText(error: ServiceError): string {
  const where = error.line !== null ? ` (line ${error.line}${error.column !== null ? `, column ${error.column}` : ''})` : '';
  const status = error.status ? `${error.status} ` : '';
  return `${status}${error.kind}: ${error.message}${where}`;
}

export type Failed = Extract<LibraryResult<unknown>, { ok: false }>;
