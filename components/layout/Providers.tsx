'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { TokenDialog } from '@/components/ui/TokenDialog';
import { useAdminStore } from '@/lib/ui/admin-store';
import { useLibraryTokenStore } from '@/lib/ui/library-token-store';
import { applyTheme, useThemeStore } from '@/lib/ui/theme-store';

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true } } }));
  const choice = useThemeStore((s) => s.choice);

  useEffect(() => {
    applyTheme(choice);
    if (choice !== 'system') return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => applyTheme('system');
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [choice]);

  return (
    <QueryClientProvider client={client}>
      {children}
      <TokenDialog useStore={useAdminStore} title="Admin token needed" setting="ATOMFORGE_ADMIN_TOKEN" testId="token-input" />
      <TokenDialog useStore={useLibraryTokenStore} title="Library token needed" setting="ATOMFORGE_LIBRARY_TOKEN" testId="library-token-input" />
    </QueryClientProvider>
  );
}
