// npm run package: three archives, versioned from package.json, each holding what its store expects.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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

test('the source archive rebuilds to the same Firefox package, byte for byte (as AMO reviewers rebuild it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amo-rebuild-'));
  try {
    const files = unzipSync(readFileSync(resolve(root, 'artifacts', `${name}-${version}-source.zip`)));
    for (const [path, bytes] of Object.entries(files)) {
      if (path.endsWith('/')) continue;
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    const source = join(dir, `${name}-${version}`);
    // The documented command is `npm ci && npm run build`; the same locked packages stand in for npm ci.
    symlinkSync(resolve(root, 'node_modules'), join(source, 'node_modules'), 'dir');
    execFileSync('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn'], {
      cwd: source,
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production' }, // a reviewer's shell, not this test runner
    });
    const built = filesUnder(join(source, 'dist/firefox'));
    const shipped = filesUnder(resolve(root, 'dist/firefox'));
    expect(Object.keys(built).sort()).toEqual(Object.keys(shipped).sort());
    const differing = Object.keys(shipped).filter((file) => !built[file].equals(shipped[file]));
    expect(differing).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every file under a folder, by its path relative to it. */
function filesUnder(dir: string, prefix = ''): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesUnder(dir, path));
    else out[path] = readFileSync(join(dir, path));
  }
  return out;
}
