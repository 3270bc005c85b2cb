import type { Metadata } from 'next';
import { AtomReference } from '@/components/editor/AtomReference';
import { filterFromParams } from '@/lib/editor/atom-reference';

export const metadata: Metadata = { title: 'Atom reference · AtomForge' };

/** Every atom of the generated table; the search lives in the URL (/atoms?q=dod_data). */
export default async function AtomsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const one = (k: string) => {
    const v = params[k];
    return Array.isArray(v) ? v[0] : v;
  };
  return <AtomReference initial={filterFromParams(one)} />;
}
