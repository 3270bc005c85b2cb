/**
 * FDO_DAEMON_COMMAND: a command template such as `wine fdo_daemon.exe --port {port}`.
 * It is split into argv like a shell would split words (quotes and backslashes), without
 * running a shell, so no value can inject shell syntax.
 */
import fs from 'node:fs';
import path from 'node:path';

export function splitCommand(template: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < template.length && '"\\$`'.includes(template[i + 1]!)) word += template[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < template.length) {
      word += template[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

/** substitutes {port} and {host} in every word */
export function renderCommand(argv: readonly string[], port: number, host: string): string[] {
  return argv.map((w) => w.replaceAll('{port}', String(port)).replaceAll('{host}', host));
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** where `name` would be found: a path (relative to `cwd`) or a search of PATH; null when nowhere */
export function findExecutable(name: string, cwd: string, envPath = process.env.PATH ?? ''): string | null {
  if (name.includes('/')) {
    const full = path.resolve(cwd, name);
    return isExecutableFile(full) ? full : null;
  }
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, name);
    if (isExecutableFile(full)) return full;
  }
  return null;
}

/**
 * Daemons run in their own working folder, so words that name files relative to the
 * operator's current folder (e.g. `node scripts/my-daemon.js`) are made absolute. Words
 * naming files of FDO_DAEMON_BIN_DIR stay as they are: those files are linked into every
 * working folder.
 */
export function anchorPaths(argv: readonly string[], cwd: string, binDir: string | null): string[] {
  return argv.map((w, i) => {
    if (w.startsWith('-') || w.includes('{') || path.isAbsolute(w)) return w;
    if (binDir && fs.existsSync(path.join(binDir, w))) return w;
    const full = path.resolve(cwd, w);
    // a bare program name (no slash) is looked up in PATH, not in the current folder
    if (i === 0 && !w.includes('/')) return w;
    return fs.existsSync(full) ? full : w;
  });
}
