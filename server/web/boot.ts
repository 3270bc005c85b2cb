/**
 * Server start-up (Node.js runtime only): start the FDO service, or stop the process with
 * one clear line when the configuration is invalid or the daemons cannot start.
 */
import { startWebService } from './web-service';

export async function bootService(): Promise<void> {
  try {
    await startWebService();
  } catch (err) {
    console.error(`[atomforge] cannot start the FDO service: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
