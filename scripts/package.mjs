// npm run package: one folder per store in artifacts/store/ (chrome, edge, firefox), each with what its
// submission form asks for: the package, versioned from package.json (a Chrome/Edge zip; a Firefox
// package made by web-ext, and the source archive AMO asks for), the listings in five languages, the
// images the e2e run makes, the privacy policy, and UPLOAD.md, which says what goes where.
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { missingImages, writeStoreKit } from './store/kit.mjs';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'artifacts/store');
const { name, version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const base = `${name}-${version}`;

function filesUnder(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function zipDirectory(dir, target) {
  const entries = Object.fromEntries(filesUnder(dir).map((file) => [relative(dir, file), readFileSync(file)]));
  writeFileSync(target, zipSync(entries, { level: 9 }));
}

// The run that makes the store images (below) never packages in turn, should a test title ever match.
if (process.env.MAKING_STORE_IMAGES) process.exit(0);

// As a plain shell builds it: a caller's NODE_ENV (the test runner's is "test") must not change the output.
execSync('npm run build --silent', {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production' },
});
// The images come from the e2e run; made here only when that run has not made them yet.
if (missingImages().length) {
  console.log("Making the store images (the e2e run's screenshots)…");
  execFileSync('npx', ['vitest', 'run', '--project', 'e2e', 'test/e2e/store.e2e.ts', '-t', 'screenshots|promo tile'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, MAKING_STORE_IMAGES: '1' },
  });
}
rmSync(out, { recursive: true, force: true });
mkdirSync(resolve(out, 'chrome'), { recursive: true });

const chrome = resolve(out, 'chrome', `${base}-chrome.zip`);
zipDirectory(resolve(root, 'dist/chrome'), chrome);

const firefox = `${base}-firefox.zip`;
execFileSync(
  'npx',
  [
    'web-ext',
    'build',
    '--source-dir',
    'dist/firefox',
    '--artifacts-dir',
    'artifacts/store/firefox',
    '--filename',
    firefox,
    '--overwrite-dest',
    '--no-config-discovery',
  ],
  { cwd: root, stdio: 'ignore' },
);

// What is committed, as AMO's reviewers rebuild it: `npm ci && npm run build`.
const source = resolve(out, 'firefox', `${base}-source.zip`);
execFileSync('git', ['archive', '--format=zip', `--prefix=${base}/`, '-o', source, 'HEAD'], { cwd: root });

writeStoreKit({ chrome, firefox: resolve(out, 'firefox', firefox), source });
for (const store of ['chrome', 'edge', 'firefox'])
  for (const file of filesUnder(resolve(out, store)))
    console.log(`${relative(root, file)}  ${(statSync(file).size / 1024).toFixed(0)} KB`);
