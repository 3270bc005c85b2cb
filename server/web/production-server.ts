/**
 * The production web server: Next runs in this process, this file starts the FDO service
 * and opens the library before it listens (Next runs its instrumentation hook only on the
 * first request, so daemons started there would make that request wait), POST /compile and /decompile take the fast path of
 * fast-path.ts, everything else goes to Next. `npm run build:server` bundles this file to
 * dist/web-server.js, which `npm start` (scripts/start.cjs) loads in its own process
 * (a TypeScript loader would double the server's memory).
 *
 * Settings: PORT, HOST, ATOMFORGE_HOME (the repository root holding .next and dist), from lib/config.
 */
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { ConfigError, currentConfig, disableNextTelemetry, loadDecompileLimits } from '@/lib/config';
import { bootService } from './boot';
import { bootLibrary } from './library-store';
import { log } from './log';
import { webRequestHandler } from './request-handler';
import { webSettings } from './settings';
import { staticAssets } from './static-assets';
import { openAdminWarning } from './startup-warning';

function fail(message: string): never {
  console.error(`[atomforge] ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = currentConfig();
  } catch (err) {
    fail(err instanceof ConfigError ? err.problems.join('\n[atomforge] ') : String(err));
  }
  const root = config.home ?? process.cwd();
  const { port, host } = config.web;

  // a bad setting of the web tier stops start-up here too, with the variable named
  let settings;
  try {
    settings = webSettings();
    loadDecompileLimits();
  } catch (err) {
    fail(err instanceof ConfigError ? err.problems.join('\n[atomforge] ') : String(err));
  }

  disableNextTelemetry();
  const app = next({ dev: false, dir: root, hostname: host, port });
  const handle = app.getRequestHandler();
  // the service and library are shared through globalThis: the instrumentation hook finds them started
  await Promise.all([bootService().then(bootLibrary), app.prepare()]);

  const assets = staticAssets(path.join(root, '.next', 'static'));
  const server = http.createServer(webRequestHandler((req, res) => void handle(req, res), assets));
  server.keepAliveTimeout = 65_000;
  // backstop for bodies Next reads itself; the routes' reader answers 408 at the body timeout first
  server.requestTimeout = settings.bodyTimeoutMs + 10_000;
  server.headersTimeout = Math.min(server.headersTimeout, server.requestTimeout);
  server.on('error', (err: NodeJS.ErrnoException) => fail(`cannot listen on ${host}:${port}: ${err.code ?? err.message}`));
  server.listen(port, host, () => {
    console.log(`[atomforge] ready on http://${host === '0.0.0.0' ? 'localhost' : host}:${port} (dashboard: /pool)`);
    const warning = openAdminWarning(host, settings);
    if (warning) log.warn({ host, port }, warning);
  });

  // npm stops `npm start` by signalling its shell, which does not pass the signal on: a new
  // parent (we were orphaned) means whoever started us is gone, so shut down as on SIGTERM
  const parent = process.ppid;
  if (parent > 1) {
    setInterval(() => {
      if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
    }, 1000).unref();
  }

  // server/web/web-service.ts stops the daemons on these signals; here the listener stops taking requests
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      server.close();
      server.closeIdleConnections();
    });
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
