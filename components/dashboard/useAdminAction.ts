'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useAdminStore } from '@/lib/ui/admin-store';
import { useDashboardStore } from '@/lib/ui/dashboard-store';
import { postAdmin } from '@/lib/ui/pool-client';

/** Posts an admin action with the stored token; on 401 asks for a token and tries again. */
export function useAdminAction() {
  const queryClient = useQueryClient();
  const { notify, setBusy } = useDashboardStore();

  return useCallback(
    async function run(path: string, label: string, token: string | null = useAdminStore.getState().token): Promise<void> {
      setBusy(label);
      const result = await postAdmin(path, token);
      setBusy(null);
      if (result.ok) {
        notify('success', result.body.message ?? `${label}: done`);
      } else if (result.status === 401) {
        useAdminStore.getState().setToken(null);
        useAdminStore
          .getState()
          .askForToken(token ? 'That token was refused. Enter the admin token to continue.' : `${label} needs the admin token configured on the server.`, (t) => void run(path, label, t));
      } else {
        notify('error', `${label} failed: ${result.message}`);
      }
      await queryClient.invalidateQueries({ queryKey: ['pool-status'] });
    },
    [notify, queryClient, setBusy],
  );
}
