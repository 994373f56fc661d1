// Everything popup.html loads when it opens, followed through its static imports, with gzip sizes.
// Code the popup loads on demand (the paste parser, on the first paste) is not counted.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @returns {{ files: { path: string, bytes: number, gzip: number, text: string }[], gzip: number }} */
export function popupFiles(distDir, page = 'popup/popup.html') {
  const seen = new Map();
  const visit = (file) => {
    if (seen.has(file)) return;
    const buffer = readFileSync(file);
    const text = buffer.toString('utf8');
    seen.set(file, {
      path: file.slice(distDir.length + 1),
      bytes: buffer.length,
      gzip: gzipSync(buffer, { level: 9 }).length,
      text,
    });
    const refs = file.endsWith('.html')
      ? [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1])
      : file.endsWith('.js')
        ? [...text.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1])
        : [];
    for (const ref of refs) visit(resolve(dirname(file), ref));
  };
  visit(resolve(distDir, page));
  const files = [...seen.values()];
  return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}
