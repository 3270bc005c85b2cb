import { handleDecompile } from '@/server/web/codec-routes';
import { withService } from '@/server/web/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = withService(handleDecompile);
