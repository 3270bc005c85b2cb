import { getFile, updateFile, deleteFile } from '@/server/web/library-routes';
import { libraryRoute } from '@/server/web/library-http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = libraryRoute(getFile);
export const PUT = libraryRoute(updateFile);
export const DELETE = libraryRoute(deleteFile);
