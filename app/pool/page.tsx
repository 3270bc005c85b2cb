import type { Metadata } from 'next';
import { PoolDashboard } from '@/components/dashboard/PoolDashboard';

export const metadata: Metadata = { title: 'Daemon pool · AtomForge' };

export default function PoolPage() {
  return <PoolDashboard />;
}
