/**
 * Bundles a codec benchmark's entry the way production runs the codec (esbuild, one plain
 * CommonJS file for node 20), so a benchmark times the bundle and not the test loader.
 * The corpus loader finds test/corpus from its own folder (__dirname); in the bundle that
 * would be the bundle's folder, so it is given test/support's path.
 */
import { buildSync } from 'esbuild';
import path from 'node:path';

const TEST_SUPPORT = path.resolve(__dirname, '..', '..', 'test', 'support');

export function bundleCodecBench(entry: string, outfile: string): void {
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
    define: { __dirname: JSON.stringify(TEST_SUPPORT) },
  });
}
