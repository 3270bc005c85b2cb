/**
 * Gives memory back after a refused output bomb. The codec stops such a decompile at its
 * output limit, but the tens of megabytes of text it had written are garbage that V8
 * collects only when it next needs memory, and an idle daemon may not for minutes: its
 * resident size stays up (issue 8: memory must come back after refusals). So a refusal
 * asks for one full collection shortly after, once the answer is on its way.
 *
 * `gc` is reached without a command-line flag: the flag is set at run time and a fresh
 * context exposes the function. Where that is not possible, reclaiming is skipped.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;
let timer: NodeJS.Timeout | null = null;

function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('gc');
      collect = typeof fn === 'function' ? (fn as () => void) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** One full collection 200 ms from now (refusals close together share it). */
export function reclaimSoon(delayMs = 200): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    collector()?.();
  }, delayMs);
  timer.unref();
}
