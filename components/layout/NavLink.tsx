'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import type { ReactNode } from 'react';

/**
 * A header link. Not prefetched when it scrolls into view (the header is always in view:
 * every page load fetched /atoms, /captures and /pool before the playground's first
 * paint, rendering the 1,861-atom reference on the server each time), but when the
 * pointer or the focus reaches it, which still comes before the click.
 */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const active = usePathname() === href;
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      href={href}
      prefetch={false}
      onMouseEnter={prefetch}
      onFocus={prefetch}
      onTouchStart={prefetch}
      aria-current={active ? 'page' : undefined}
      className={`rounded px-1.5 py-1 text-sm font-medium sm:px-2.5 ${
        active
          ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300'
          : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
      }`}
    >
      {children}
    </Link>
  );
}
