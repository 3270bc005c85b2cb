/**
 * Runs a container's environment through the service's own `loadConfig`, so a value is
 * judged by the rules the service applies at start-up (ConfigError names each bad one).
 *
 * loadConfig also checks the filesystem: FDO_DAEMON_BIN_DIR must be a folder and the
 * executable of FDO_DAEMON_COMMAND must exist. Those belong to the image and its volumes
 * (wine in /usr/bin, the engine at /opt/fdo), not to this machine: they are stood in for by
 * an empty folder and an empty executable under a temporary root, and everything else is
 * checked as given. (A command named by an absolute path is checked on this machine.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, findExecutable, loadConfig, splitCommand, type ServiceConfig } from '../../lib/config';

/** loadConfig(env) as the container would run it; throws ConfigError like the service */
export function loadContainerConfig(env: Record<string, string>): ServiceConfig {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'atomforge-deploy-'));
  const savedPath = process.env.PATH;
  try {
    const given = { ...env };
    const binDir = given.FDO_DAEMON_BIN_DIR?.trim();
    if (binDir && path.isAbsolute(binDir)) {
      given.FDO_DAEMON_BIN_DIR = path.join(root, binDir);
      fs.mkdirSync(given.FDO_DAEMON_BIN_DIR, { recursive: true });
    }
    const template = given.FDO_DAEMON_COMMAND?.trim();
    let words: string[] = [];
    try {
      words = template ? splitCommand(template) : [];
    } catch {
      /* loadConfig reports the malformed template */
    }
    const exe = words[0];
    if (exe && !exe.includes('/') && !findExecutable(exe, root)) {
      // a program the image has on its PATH (wine)
      const bin = path.join(root, 'bin');
      fs.mkdirSync(bin, { recursive: true });
      fs.writeFileSync(path.join(bin, exe), '', { mode: 0o755 });
      process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
    }
    return loadConfig(given, root);
  } finally {
    if (savedPath === undefined) delete process.env.PATH;
    else process.env.PATH = savedPath;
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** the lines ConfigError would print for this environment; empty when it is valid */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadContainerConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}
