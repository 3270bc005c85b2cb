/**
 * The web tier's settings, read from the environment once per process through lib/config
 * (a bad value stops start-up there). Tests swap them with useWebSettings.
 */
import { loadWebSettings, type DecompileLimits, type WebSettings } from '@/lib/config';

const KEY = Symbol.for('atomforge.web.settings');
type Holder = typeof globalThis & { [KEY]?: WebSettings };
const holder = globalThis as Holder;

export function webSettings(): WebSettings {
  holder[KEY] ??= loadWebSettings();
  return holder[KEY];
}

/** Replaces the settings (tests); `null` reads the environment again on next use. */
export function useWebSettings(settings: WebSettings | null): void {
  if (settings) holder[KEY] = settings;
  else delete holder[KEY];
}

export type { DecompileLimits, WebSettings };
