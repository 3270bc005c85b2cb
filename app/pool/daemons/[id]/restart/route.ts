import { handleRestartDaemon } from '@/server/web/pool-routes';
import { withService } from '@/server/web/route';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = withService(async (service, request, context: { params: Promise<{ id: string }> }) =>
  handleRestartDaemon(service, request, (await context.params).id),
);
