// Serves the demo page and the extraction corpus over http://127.0.0.1 for `npm start`, the
// benchmark and the end-to-end tests. Only *.html files from those two folders.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const FOLDERS = [resolve(import.meta.dirname, '../pages'), resolve(import.meta.dirname, '../corpus')];

/** @param {Record<string, string>} [extra] generated pages by name, e.g. for the benchmark */
export function servePages(extra = {}) {
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '') || 'demo.html';
    if (!/^[\w.-]+\.html$/.test(name)) return res.writeHead(404).end();
    if (extra[name]) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(extra[name]);
    for (const dir of FOLDERS) {
      let body;
      try {
        body = readFileSync(resolve(dir, name));
      } catch {
        continue; // not in this folder
      }
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    }
    res.writeHead(404).end();
  });
  return /** @type {Promise<{ url: string, close: () => void }>} */ (
    new Promise((done) =>
      server.listen(0, '127.0.0.1', () =>
        done({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
      ),
    )
  );
}
