// Builds the extension for one browser per run (`vite build --mode chrome|firefox`), and holds the
// Vitest projects (unit in Node, e2e in real Chromium).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';

type Target = 'chrome' | 'firefox';
const root = import.meta.dirname;

/** Writes dist/<browser>/manifest.json from the one manifest.json: background and permissions per browser. */
function manifestFor(target: Target): Plugin {
  return {
    name: 'manifest',
    generateBundle() {
      const manifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'));
      const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
      manifest.version = pkg.version;
      // End-to-end builds only: a host permission for the local test pages stands in for the click
      // that grants activeTab, which automation cannot make (native menus and the toolbar are out of reach).
      if (process.env.E2E_HOST_PERMISSION) manifest.host_permissions = [process.env.E2E_HOST_PERMISSION];
      if (target === 'chrome') {
        delete manifest.background.scripts;
        delete manifest.browser_specific_settings;
        manifest.permissions.push('offscreen');
      } else {
        delete manifest.background.service_worker;
        delete manifest.minimum_chrome_version;
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify(manifest, null, 2)}\n` });
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

/** dist/chrome, dist/firefox; the end-to-end variant (see manifestFor) goes to dist/chrome-e2e. */
const outDirFor = (target: Target) => resolve(root, 'dist', process.env.E2E_HOST_PERMISSION ? `${target}-e2e` : target);

function buildConfig(target: Target) {
  const input: Record<string, string> = {
    popup: resolve(root, 'src/popup/popup.html'),
    options: resolve(root, 'src/options/options.html'),
    history: resolve(root, 'src/history/history.html'),
    background: resolve(root, `src/background/${target}.ts`),
  };
  if (target === 'chrome') input.offscreen = resolve(root, 'src/offscreen/offscreen.html');
  return defineConfig({
    root: resolve(root, 'src'),
    publicDir: resolve(root, 'public'),
    base: './',
    plugins: [manifestFor(target), contentScript(target)],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir: outDirFor(target),
      emptyOutDir: true,
      target: target === 'chrome' ? 'chrome116' : 'firefox140',
      minify: true,
      modulePreload: false,
      sourcemap: false,
      rollupOptions: {
        input,
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  });
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
