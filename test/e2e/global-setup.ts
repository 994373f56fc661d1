// Builds the end-to-end variant of the Chrome extension (dist/chrome-e2e) before the browser tests.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM, E2E_HOST_PERMISSION } from '../../scripts/browser.mjs';

export default function setup(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  execSync('npx vite build --mode chrome --logLevel warn', { stdio: 'inherit', env: { ...process.env, E2E_HOST_PERMISSION } });
}
