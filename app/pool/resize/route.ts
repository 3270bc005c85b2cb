import { handleResize } from '@/server/web/pool-routes';
import { withService } from '@/server/web/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = withService(handleResize);
