import Link from 'next/link';
import { ThemeToggle } from '@/components/ui/ThemeToggle';
import { NavLink } from './NavLink';

export function Header() {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 sm:gap-x-3 sm:px-6">
        <Link href="/" className="mr-1 text-lg sm:mr-2 font-semibold tracking-tight">
          Atom<span className="text-indigo-600 dark:text-indigo-400">Forge</span>
        </Link>
        <nav className="flex gap-1">
          <NavLink href="/">Playground</NavLink>
          <NavLink href="/atoms">Atoms</NavLink>
          <NavLink href="/captures">Captures</NavLink>
          <NavLink href="/pool">Pool</NavLink>
        </nav>
        <div className="ml-auto">
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
