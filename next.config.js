/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // native and driver modules load from node_modules at run time (the library's SQLite and PostgreSQL)
  experimental: {
    // Next loads every page and route module at start (36 of them, each with its own copy of the
    // shared chunks) unless told not to; loaded on first use instead, the idle web server holds
    // ~9 MB less (bench/memory.ts: anon 61.5 -> 52.5 MB idle at pool 5). POST /compile and
    // /decompile never reach Next (server/web/fast-path.ts), so their speed is unchanged.
    preloadEntriesOnStart: false,
    // proxy.ts runs before every route, and Next keeps a copy of the body for it: past this size
    // the route would get only the first part (Next's default is 10 MB, less than the 16 MB
    // sources, 48 MB captures and 64 MB library zips the routes take). The same number as
    // server/web/limits.ts's MAX_ANY_BODY_BYTES, past which the server cuts a body off
    // (test/web/next-body-cap.test.ts checks they agree).
    proxyClientMaxBodySize: 65 * 1024 * 1024,
  },
  serverExternalPackages: ['pino', 'prom-client', 'better-sqlite3', 'pg'],
};

module.exports = nextConfig;
