// Bundles a TypeScript module of ours for the Node side of the benchmark (no TS loader needed).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export async function compile(entry, name) {
  const outDir = resolve(root, 'node_modules/.cache/bench');
  mkdirSync(outDir, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: false,
      minify: false,
      lib: { entry: resolve(root, entry), formats: ['es'], fileName: () => `${name}.mjs` },
    },
  });
  return import(resolve(outDir, `${name}.mjs`));
}
