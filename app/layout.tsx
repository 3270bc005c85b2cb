import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Header } from '@/components/layout/Header';
import { Providers } from '@/components/layout/Providers';
import { THEME_BOOT_SCRIPT } from '@/lib/ui/theme-store';
import './globals.css';

export const metadata: Metadata = {
  title: 'AtomForge',
  description: 'FDO91 compiler and decompiler service: playground and daemon pool dashboard',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/** Every page is rendered per request: its scripts carry that request's CSP nonce (proxy.ts). */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen antialiased">
        <Providers>
          <Header />
          <main className="mx-auto w-full max-w-7xl px-3 py-4 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
