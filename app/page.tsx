import { Playground } from '@/components/playground/Playground';
import { EXAMPLES } from '@/lib/examples';

export default function PlaygroundPage() {
  return <Playground examples={EXAMPLES} />;
}
