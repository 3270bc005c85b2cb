'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useAdminStore } from '@/lib/ui/admin-store';
import { useDashboardStore } from '@/lib/ui/dashboard-store';
import { postAdmin } from '@/lib/ui/pool-client';

/**
 * Posts an admin action with the stored token; on 401 asks for a token and tries again.
 * Any other refusal (403 from a client that is not local, 415, 409 ...) is shown with the
 * server's own reason.
 */
export function useAdminAction() {
  const queryClient = useQueryClient();
  const { notify, setBusy } = useDashboardStore();

  return useCallback(
    async function run(path: string, label: string, body: Record<string, unknown> = {}, token: string | null = useAdminStore.getState().token): Promise<void> {
      setBusy(label);
      const result = await postAdmin(path, token, body);
      setBusy(null);
      if (result.ok) {
        notify('success', result.body.message ?? `${label}: done`);
      } else if (result.status === 401) {
        useAdminStore.getState().setToken(null);
        useAdminStore
          .getState()
          .askForToken(
            token ? 'That token was refused. Enter the admin token to continue.' : `${label} needs the admin token configured on the server.`,
            (t) => void run(path, label, body, t),
          );
      } else {
        const verb = result.status >= 400 && result.status < 500 ? 'refused' : 'failed';
        notify('error', `${label} ${verb}${result.status ? ` (HTTP ${result.status})` : ''}: ${result.message}`);
      }
      await queryClient.invalidateQueries({ queryKey: ['pool-status'] });
    },
    [notify, queryClient, setBusy],
  );
}
