import type { Metadata } from 'next';
import { CapturesView } from '@/components/p3/CapturesView';

export const metadata: Metadata = { title: 'Captures · AtomForge' };

export default function CapturesPage() {
  return <CapturesView />;
}
