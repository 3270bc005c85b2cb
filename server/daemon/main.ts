/**
 * `npm run daemon -- --port N`: one process serving the codec over the reference daemon's
 * HTTP protocol. Prints `FDO Daemon listening on HOST:PORT` on stdout when ready (the line
 * the pool waits for), everything else on stderr.
 */
import path from 'node:path';
import pkg from '@/package.json';
import { boundedCodec, type OutputLimits } from './bounded-codec';
import { installLifecycle } from './lifecycle';
import { outputDefaultsFromEnv, parseOptions, USAGE, UsageError, type DaemonOptions } from './options';
import { createDaemonServer } from './server';
import { CodecWorkers } from './workers';

function options(): DaemonOptions {
  try {
    const o = parseOptions(process.argv.slice(2), outputDefaultsFromEnv());
    if (o.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    return o;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`daemon: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  // A parent that goes away closes our pipes; writing to them must not kill the daemon.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});

  const o = options();
  const say = (msg: string) => process.stderr.write(`[fdo-daemon ${process.pid}] ${msg}\n`);
  const info = o.quiet ? () => {} : say;
  const error = say;

  process.on('uncaughtException', (err) => error(`uncaught: ${err?.stack ?? String(err)}`));
  process.on('unhandledRejection', (err) => error(`unhandled rejection: ${(err as Error)?.stack ?? String(err)}`));

  const limits: OutputLimits = { maxOutputRatio: o.maxOutputRatio, maxOutputBytes: o.maxOutputBytes };
  // the main thread writes each answer out at once, so a view into the shared pool is safe here
  const codec = boundedCodec(limits, true);
  // Bundled, the worker sits next to this file in dist/; run from source (tsx), it is worker.ts.
  const workerScript = path.join(__dirname, __filename.endsWith('.ts') ? 'worker.ts' : 'daemon-worker.js');
  const workers = new CodecWorkers(workerScript, o.threads, error, undefined, limits);
  const daemon = createDaemonServer({
    codec,
    offload: workers,
    offloadBytes: o.offloadBytes,
    maxBodyBytes: o.maxBodyBytes,
    requestTimeoutMs: o.requestTimeoutMs,
    version: pkg.version,
    log: { error, request: o.verbose ? say : undefined },
  });

  let bound: { host: string; port: number };
  try {
    bound = await daemon.listen(o.port, o.host);
  } catch (err) {
    error(`cannot listen on ${o.host}:${o.port}: ${(err as Error).message}`);
    process.exit(1);
  }
  process.stdout.write(`FDO Daemon listening on ${bound.host}:${bound.port}\n`);
  info(
    `engine atomforge ${pkg.version}; max body ${o.maxBodyBytes} bytes, request timeout ${o.requestTimeoutMs} ms, decompiled text at most ${o.maxOutputRatio}x the input and ${o.maxOutputBytes} bytes, ${o.threads} worker thread(s) for bodies over ${o.offloadBytes} bytes`,
  );

  installLifecycle({
    info,
    exit: (code) => process.exit(code),
    async stop(graceMs) {
      const { drained } = await daemon.close(graceMs);
      if (!drained) error('requests still in flight at the shutdown deadline were cut off');
      await workers.close();
    },
  });
}

void main();
