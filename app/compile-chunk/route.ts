import { handleCompileChunk, p3Route } from '@/server/web/p3-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = p3Route(handleCompileChunk);
