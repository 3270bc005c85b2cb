import { handleDetectFdo, p3PlainRoute } from '@/server/web/p3-routes';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = p3PlainRoute(handleDetectFdo);
