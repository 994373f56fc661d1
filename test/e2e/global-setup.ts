// Checks both browsers are there and builds what the browser tests load: dist/chrome-e2e, and
// dist/firefox when `npm run build` has not just made it.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM, E2E_HOST_PERMISSION } from '../support/browser.mjs';
import { FIREFOX, FIREFOX_DIR } from '../support/firefox';

export default function setup(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  if (!existsSync(FIREFOX))
    throw new Error(`No Firefox at ${FIREFOX}: apt-get install -y firefox-esr (or set FIREFOX_PATH)`);
  execSync('npx vite build --mode chrome --logLevel warn', {
    stdio: 'inherit',
    env: { ...process.env, E2E_HOST_PERMISSION },
  });
  if (!existsSync(FIREFOX_DIR)) execSync('npx vite build --mode firefox --logLevel warn', { stdio: 'inherit' });
}
