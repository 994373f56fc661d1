// Builds the extension once before the browser tests, unless the caller just did (npm test).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './harness';

export default function setup(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  if (!process.env.SKIP_BUILD) execSync('npx vite build --mode chrome', { stdio: 'inherit' });
}
