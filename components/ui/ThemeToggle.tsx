'use client';
import { useThemeStore, type ThemeChoice } from '@/lib/ui/theme-store';
import { useHydrated } from '@/lib/ui/use-hydrated';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };

export function ThemeToggle() {
  const { choice, setChoice } = useThemeStore();
  // the stored choice is only known in the browser; render the neutral label until then
  const mounted = useHydrated();
  const shown = mounted ? choice : 'system';
  return (
    <button
      type="button"
      onClick={() => setChoice(NEXT[choice])}
      title="Switch between system, light and dark themes"
      aria-label={`Theme: ${shown}`}
      data-testid="theme-toggle"
      className="whitespace-nowrap rounded border border-slate-300 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      <span className="hidden sm:inline">Theme: </span>
      {shown}
    </button>
  );
}
