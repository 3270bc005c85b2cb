import { errorHealth } from '@/server/web/health-fallback';
import { handleHealth } from '@/server/web/pool-routes';
import { getService } from '@/server/web/web-service';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    return handleHealth(await getService());
  } catch (err) {
    return errorHealth(err);
  }
}
