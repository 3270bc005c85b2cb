/**
 * A tiny node program that stands between the pool and an external daemon command (e.g.
 * wine), so that no daemon outlives the service even when the service is SIGKILLed:
 * it starts the command in its own process group, and kills that whole group when its
 * parent goes away (the IPC channel closes, which happens on any death of the parent),
 * when asked to stop (SIGTERM), or when the command exits (stray grandchildren).
 *
 * It is run with `node -e`, so it needs no file on disk and survives bundling.
 * Messages to the pool over IPC: {type:'pid', pid} once the command runs.
 */
export const WATCHDOG_SOURCE = String.raw`
'use strict';
const cp = require('child_process');
const argv = JSON.parse(process.env.FDO_WATCHDOG_ARGV || '[]');
const graceMs = Number(process.env.FDO_WATCHDOG_GRACE_MS || 3000);
delete process.env.FDO_WATCHDOG_ARGV;
delete process.env.FDO_WATCHDOG_GRACE_MS;
let child;
try {
  child = cp.spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
} catch (err) {
  process.stderr.write('watchdog: cannot start ' + argv[0] + ': ' + err.message + '\n');
  process.exit(127);
}
const killGroup = (signal) => { try { process.kill(-child.pid, signal); } catch (e) {} };
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  killGroup('SIGTERM');
  setTimeout(() => { killGroup('SIGKILL'); process.exit(0); }, graceMs).unref();
};
child.on('spawn', () => { try { process.send && process.send({ type: 'pid', pid: child.pid }); } catch (e) {} });
child.on('error', (err) => { process.stderr.write('watchdog: cannot start ' + argv[0] + ': ' + err.message + '\n'); process.exit(127); });
child.on('exit', (code, signal) => {
  killGroup('SIGKILL');
  process.exitCode = code === null ? 128 + (require('os').constants.signals[signal] || 0) : code;
  if (process.connected) process.disconnect();
  process.exit();
});
process.on('disconnect', () => { if (!child.killed && child.exitCode === null) stop(); });
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, stop);
`;
