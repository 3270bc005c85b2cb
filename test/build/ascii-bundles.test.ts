import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiOnly, SERVER_ENTRIES, WEB_SERVER_BUNDLE } from '../../scripts/build-server';

const ROOT = path.resolve(__dirname, '..', '..');

describe('server bundles are ASCII (V8 keeps their source one-byte, half the size)', () => {
  it('escapes every non-ASCII character, astral ones as surrogate pairs, and leaves ASCII alone', () => {
    const text = '/** start…end — µs 😀 */ const s = "plain";';
    const out = asciiOnly(text);
    expect(out).toBe('/** start\\u2026end \\u2014 \\u00b5s \\ud83d\\ude00 */ const s = "plain";');
    expect(/[\u0080-\uffff]/.test(out)).toBe(false);
    // inside a string literal the escapes read back as the same characters
    expect(JSON.parse(`"${asciiOnly('a…😀')}"`)).toBe('a…😀');
  });

  it('the built bundles hold no non-ASCII character', () => {
    const bundles = [...Object.keys(SERVER_ENTRIES).map((n) => `dist/${n}.js`), WEB_SERVER_BUNDLE];
    for (const bundle of bundles) {
      const file = path.join(ROOT, bundle);
      expect(fs.existsSync(file), `${bundle} missing: npm run build:server`).toBe(true);
      const text = fs.readFileSync(file, 'utf8');
      const at = text.search(/[\u0080-\uffff]/);
      expect(at, `${bundle}: non-ASCII at ${at}`).toBe(-1);
    }
  });
});
