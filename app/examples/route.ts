import { EXAMPLES } from '@/lib/examples';
import { json } from '@/server/web/http';

export const runtime = 'nodejs';

export function GET(): Response {
  return json({ examples: EXAMPLES });
}
