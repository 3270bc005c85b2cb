/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // native and driver modules load from node_modules at run time (the library's SQLite and PostgreSQL)
  serverExternalPackages: ['pino', 'prom-client', 'better-sqlite3', 'pg'],
};

module.exports = nextConfig;
