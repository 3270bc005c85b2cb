/** Bounds of the P3 routes (/compile-chunk, /detect-fdo, /decompile-jsonl). */

/** sources in one /compile-chunk batch */
export const MAX_CHUNK_SOURCES = 1000;
/** compiled bytes of one /compile-chunk batch (the answer carries each byte about 8 times) */
export const MAX_CHUNK_FDO_BYTES = 4 * 1024 * 1024;
/**
 * frames one /compile-chunk answer may hold: a batch of 100 large DOD replies (the issue's
 * benchmark; 252 dod_data atoms of 150 bytes each travel as large atoms) needs 50,300
 */
export const MAX_CHUNK_FRAMES = 64_000;
/** frames /detect-fdo reports one by one (the rest are counted) */
export const MAX_DETECT_FRAMES = 1000;
/** a capture for /decompile-jsonl: 100,000 frames of a real capture are about 30 MB */
export const MAX_CAPTURE_BYTES = 48 * 1024 * 1024;
/** streams decoded from one capture */
export const MAX_CAPTURE_STREAMS = 10_000;
/**
 * decompiled text one /decompile-jsonl answer carries (it is in the answer twice: `source`
 * and each stream's `text`); streams past it are listed without text. A 100,000-frame DOD
 * capture decompiles to about 50 M characters.
 */
export const MAX_CAPTURE_TEXT_CHARS = 64 * 1024 * 1024;
/** compile/decompile requests one P3 request keeps in flight at once */
export const MAX_P3_CONCURRENCY = 8;
/** captures decoded at once (each may hold ~300 MB while decoding); more wait in line */
export const MAX_CONCURRENT_CAPTURES = 2;
/** captures waiting for a turn; past this a request is answered 503 with Retry-After */
export const MAX_WAITING_CAPTURES = 8;
/**
 * worker threads that write /compile-chunk frames as JSON (p3-format-pool.ts); a batch
 * keeps at most one per source in flight, so this bounds the threads, not the work
 */
export const MAX_FORMAT_WORKERS = 4;
/** compiled scripts smaller than this are written inline: the hop to a worker costs more */
export const FORMAT_OFFLOAD_BYTES = 16 * 1024;
