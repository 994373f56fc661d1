// The popup opens fast because it stays small: no MSAL, no Graph client, ≤ 35 KB gzip in all.
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { popupFiles } from '../../scripts/popup-size.mjs';
import { EXTENSION_DIR } from './harness';

test('everything popup.html loads is at most 35 KB gzip and holds neither MSAL nor the Graph client', () => {
  const { files, gzip } = popupFiles(resolve(EXTENSION_DIR));
  expect(files.length).toBeGreaterThan(2);
  expect(gzip).toBeLessThanOrEqual(35 * 1024);
  const all = files.map((f) => f.text).join('\n');
  expect(all).not.toMatch(/PublicClientApplication|msal\.interaction|GraphRequest|RetryHandler/);
});
