'use client';
/** One toast at a time, bottom right, gone after a while; its action (Undo, Open) runs once. */
import { useEffect } from 'react';
import { useLibraryUi } from './library-ui-store';

const SHOWN_MS = 10_000;

export function Toast() {
  const toast = useLibraryUi((s) => s.toast);
  const hide = useLibraryUi((s) => s.hideToast);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => hide(toast.id), SHOWN_MS);
    return () => clearTimeout(t);
  }, [toast, hide]);
  if (!toast) return null;
  return (
    <div
      role="status"
      className="fixed inset-x-2 bottom-4 z-40 mx-auto flex max-w-md items-center gap-3 rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
      data-testid="toast"
    >
      <span className="min-w-0 flex-1 break-words">{toast.text}</span>
      {toast.action && (
        <button
          type="button"
          className="font-semibold text-indigo-300 hover:underline dark:text-indigo-700"
          onClick={() => {
            hide(toast.id);
            toast.action?.run();
          }}
          data-testid="toast-action"
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" aria-label="Dismiss" className="opacity-70 hover:opacity-100" onClick={() => hide(toast.id)}>
        ✕
      </button>
    </div>
  );
}
