import { handleRender } from '@/server/web/library-render';
import { libraryRoute } from '@/server/web/library-http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = libraryRoute(handleRender);
