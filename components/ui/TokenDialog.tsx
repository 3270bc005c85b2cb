'use client';
import { useState } from 'react';
import type { TokenStore } from '@/lib/ui/token-store';
import { Dialog, buttonClass } from './Dialog';

/**
 * Asks for a token the operator set on the server when a mutating route answered 401,
 * then retries the action. `setting` names the environment variable, so the person knows
 * which token to ask for; `testId` names the input for the browser tests.
 */
export function TokenDialog({ useStore, title, setting, testId }: { useStore: TokenStore; title: string; setting: string; testId: string }) {
  const pending = useStore((s) => s.pending);
  const closePrompt = useStore((s) => s.closePrompt);
  const submitToken = useStore((s) => s.submitToken);
  const [value, setValue] = useState('');
  return (
    <Dialog open={pending !== null} title={title} onClose={closePrompt}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const token = value.trim();
          if (!token || !pending) return;
          setValue('');
          submitToken(token);
        }}
      >
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300" data-testid={`${testId}-reason`}>
          {pending?.reason}
        </p>
        <label className="mb-4 block text-sm">
          <span className="mb-1 block font-medium">{setting}</span>
          <input
            type="password"
            autoFocus
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid={testId}
            className="w-full rounded border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-800"
          />
        </label>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={closePrompt}>
            Cancel
          </button>
          <button type="submit" className={buttonClass.primary}>
            Use token
          </button>
        </div>
      </form>
    </Dialog>
  );
}
