'use client';
import { useState } from 'react';
import { useAdminStore } from '@/lib/ui/admin-store';
import { Dialog, buttonClass } from './Dialog';

/** Asks for the admin token when a mutating route answered 401, then retries the action. */
export function TokenDialog() {
  const { pending, closePrompt, setToken } = useAdminStore();
  const [value, setValue] = useState('');
  return (
    <Dialog open={pending !== null} title="Admin token needed" onClose={closePrompt}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const token = value.trim();
          if (!token || !pending) return;
          setToken(token);
          const retry = pending.retry;
          closePrompt();
          setValue('');
          retry(token);
        }}
      >
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">{pending?.reason}</p>
        <label className="mb-4 block text-sm">
          <span className="mb-1 block font-medium">ATOMFORGE_ADMIN_TOKEN</span>
          <input
            type="password"
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="token-input"
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
