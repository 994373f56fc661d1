// npm run package: three archives, versioned from package.json, each holding what its store expects.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const { name, version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const open = (suffix: string) =>
  unzipSync(readFileSync(resolve(root, 'artifacts', `${name}-${version}-${suffix}.zip`)));
const manifestOf = (files: Record<string, Uint8Array>) => JSON.parse(strFromU8(files['manifest.json']));

test('writes the Chrome/Edge zip, the Firefox package and the source archive', () => {
  execFileSync('node', ['scripts/package.mjs'], { cwd: root, stdio: 'ignore' });

  const chrome = manifestOf(open('chrome'));
  expect(chrome.version).toBe(version);
  expect(chrome.background).toEqual({ service_worker: 'background.js', type: 'module' });
  expect(chrome.permissions).toContain('offscreen');
  expect(chrome.host_permissions).toBeUndefined();
  expect(chrome.browser_specific_settings).toBeUndefined();

  const firefoxFiles = open('firefox');
  const firefox = manifestOf(firefoxFiles);
  expect(firefox.version).toBe(version);
  expect(firefox.background).toEqual({ scripts: ['background.js'], type: 'module' });
  expect(firefox.browser_specific_settings.gecko.id).toBe('guest-invite@entra-invite.example');
  expect(firefox.browser_specific_settings.gecko.data_collection_permissions.required).toEqual([
    'personallyIdentifyingInfo',
  ]);
  expect(firefox.host_permissions).toBeUndefined();
  expect(Object.keys(firefoxFiles)).toContain('content/scan.js');

  const source = Object.keys(open('source'));
  expect(source).toContain(`${name}-${version}/package.json`);
  expect(source).toContain(`${name}-${version}/src/popup/popup.tsx`);
  expect(source.some((f) => f.includes('node_modules'))).toBe(false);
});
