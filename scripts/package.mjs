// npm run package: the store packages, versioned from package.json, in artifacts/:
// a Chrome/Edge zip, a Firefox package (web-ext build) and the source archive AMO asks for.
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'artifacts');
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

// As a plain shell builds it: a caller's NODE_ENV (the test runner's is "test") must not change the output.
execSync('npm run build --silent', {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production' },
});
mkdirSync(out, { recursive: true });

const chrome = resolve(out, `${base}-chrome.zip`);
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
    'artifacts',
    '--filename',
    firefox,
    '--overwrite-dest',
    '--no-config-discovery',
  ],
  { cwd: root, stdio: 'ignore' },
);

// What is committed, as AMO's reviewers rebuild it: `npm ci && npm run build`.
const source = resolve(out, `${base}-source.zip`);
execFileSync('git', ['archive', '--format=zip', `--prefix=${base}/`, '-o', source, 'HEAD'], { cwd: root });

for (const file of [chrome, resolve(out, firefox), source])
  console.log(`${relative(root, file)}  ${(statSync(file).size / 1024).toFixed(0)} KB`);
