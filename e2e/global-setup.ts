import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startServer } from './support/server';

export default async function globalSetup(): Promise<void> {
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  fs.mkdirSync(path.join(ROOT, 'e2e', 'artifacts'), { recursive: true });
  const state = await startServer();
  process.env.E2E_BASE_URL = state.baseURL;
}
