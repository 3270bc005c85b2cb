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
  },
  serverExternalPackages: ['pino', 'prom-client', 'better-sqlite3', 'pg'],
};

module.exports = nextConfig;
