/** Request limits of the web app's REST routes. */

/** Largest body /compile and /decompile accept (the reference service's limit was lower). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** How long a route waits for the service to finish starting before answering 503. */
export const SERVICE_START_WAIT_MS = 30_000;

/** Seconds a client is told to wait when the service cannot serve (Retry-After). */
export const RETRY_AFTER_SECONDS = 2;
