/** Request limits of the web app's REST routes. */
import { MAX_IMPORT_ZIP_BYTES } from '@/lib/library/limits';

/** Largest body /compile and /decompile accept (the reference service's limit was lower). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** How long a route waits for the service to finish starting before answering 503. */
export const SERVICE_START_WAIT_MS = 30_000;

/** Seconds a client is told to wait when the service cannot serve (Retry-After). */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The largest body any route takes (a library import's zip, with room for its multipart
 * framing): the production server cuts off a body to Next past it (next-body-cap.ts).
 */
export const MAX_ANY_BODY_BYTES = MAX_IMPORT_ZIP_BYTES + 1024 * 1024;
