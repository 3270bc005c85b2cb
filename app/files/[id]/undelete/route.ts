import { undeleteFile } from '@/server/web/library-routes';
import { libraryRoute } from '@/server/web/library-http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = libraryRoute(undeleteFile);
