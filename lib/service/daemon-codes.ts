/**
 * The error codes in a daemon's JSON answers (`{"error": {"code": "0x…"}}`), shared by the
 * built-in daemon that writes them (server/daemon/answers.ts) and the pool that reads them
 * (lib/pool/daemon-answer.ts). The first two are the reference daemon's; the others are
 * AtomForge's for answers the reference never gives (it has no limits), kept above
 * 0x80000000 so clients that read a line out of `code` (line << 16 | error) ignore them.
 */
export const DAEMON_CODES = {
  noOutput: 0xfffffffd,
  crash: 0xfffffc18,
  bodyTooLarge: 0xfffffff0,
  requestTimeout: 0xfffffff1,
  codecTimeout: 0xfffffff2,
  malformedRequest: 0xfffffff3,
  busy: 0xfffffff4,
} as const;
