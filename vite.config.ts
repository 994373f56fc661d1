// Builds the extension for one browser per run (`vite build --mode chrome|firefox`), and holds the
// Vitest projects (unit in Node, e2e in real Chromium).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';
import { manifestFor } from './scripts/manifest.mjs';

type Target = 'chrome' | 'firefox';
const root = import.meta.dirname;

/** Writes dist/<browser>/manifest.json from the one manifest.json: background and permissions per browser. */
function manifestPlugin(target: Target): Plugin {
  return {
    name: 'manifest',
    generateBundle() {
      const source = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'));
      const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
      const manifest = manifestFor(source, target, { version, hostPermission: process.env.E2E_HOST_PERMISSION });
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify(manifest, null, 2)}\n` });
      // The privacy policy, as plain text the browser shows in a tab (the settings page links to it). A
      // text file is served without a charset: the byte-order mark makes browsers read it as UTF-8.
      const policy = readFileSync(resolve(root, 'PRIVACY.md'), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'privacy.txt', source: `\ufeff${policy}` });
    },
  };
}

/**
 * The page scanner is injected with scripting.executeScript({ files }), which runs classic scripts:
 * it is bundled on its own as one IIFE, sharing no chunks with the extension pages.
 */
function contentScript(target: Target): Plugin {
  return {
    name: 'content-script',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        build: {
          outDir: resolve(outDirFor(target), 'content'),
          emptyOutDir: false,
          target: target === 'chrome' ? 'chrome116' : 'firefox140',
          lib: {
            entry: resolve(root, 'src/content/scan.ts'),
            formats: ['iife'],
            name: 'guestInviteScan',
            fileName: () => 'scan.js',
          },
        },
      });
    },
  };
}

/** dist/chrome, dist/firefox; the end-to-end variant (see scripts/manifest.mjs) goes to dist/chrome-e2e. */
const outDirFor = (target: Target) => resolve(root, 'dist', process.env.E2E_HOST_PERMISSION ? `${target}-e2e` : target);

/** Every page and the background, each its own build (see `buildConfig`). */
function entriesFor(target: Target): [string, string][] {
  const entries: [string, string][] = [
    ['background', `src/background/${target}.ts`],
    ['popup', 'src/popup/popup.html'],
    ['options', 'src/options/options.html'],
    ['history', 'src/history/history.html'],
  ];
  if (target === 'chrome') entries.push(['offscreen', 'src/offscreen/offscreen.html']);
  return entries;
}

/** One entry's build; the first one empties the output folder and copies public/. */
function entryConfig(target: Target, [name, path]: [string, string], first: boolean): InlineConfig {
  return {
    configFile: false,
    logLevel: first ? 'info' : 'warn',
    root: resolve(root, 'src'),
    publicDir: first ? resolve(root, 'public') : false,
    base: './',
    // Production JSX whatever NODE_ENV says (a build started from the test runner has NODE_ENV=test, which
    // made one chunk carry development JSX with this machine's paths: the rebuild test found it).
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
    build: {
      outDir: outDirFor(target),
      emptyOutDir: first,
      target: target === 'chrome' ? 'chrome116' : 'firefox140',
      minify: true,
      // Only what a page loads later (the set-up assistant, the paste parser) is a separate chunk.
      modulePreload: false,
      sourcemap: false,
      rollupOptions: {
        input: { [name]: resolve(root, path) },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  };
}

/**
 * Each page is built on its own, so that everything it needs when it opens is one file: a module that
 * imports shared chunks waits for each level of imports in turn (about 5 ms each in Chromium).
 */
function otherEntries(target: Target): Plugin {
  return {
    name: 'other-entries',
    async closeBundle() {
      for (const entry of entriesFor(target).slice(1)) await build(entryConfig(target, entry, false));
    },
  };
}

function buildConfig(target: Target) {
  const { configFile: _none, ...config } = entryConfig(target, entriesFor(target)[0], true);
  return { ...config, plugins: [manifestPlugin(target), otherEntries(target), contentScript(target)] };
}

export default defineConfig(({ mode }) => {
  if (mode === 'chrome' || mode === 'firefox') return buildConfig(mode);
  return {
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    test: {
      projects: [
        { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.e2e.ts'],
            testTimeout: 90_000,
            hookTimeout: 120_000,
            fileParallelism: false,
            globalSetup: ['test/e2e/global-setup.ts'],
          },
        },
      ],
    },
  };
});
