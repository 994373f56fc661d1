// Small response helpers shared by the simulated tenant's endpoints; each marks the recorded status.
import { generate } from 'selfsigned';

export function json(res, status, body, record) {
  record.status = status;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function redirect(res, location, record) {
  record.status = 302;
  res.writeHead(302, { location });
  res.end();
}

export function page(res, status, text, record) {
  record.status = status;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>${text.replace(/[<>&]/g, '')}</title><h1>${text.replace(/[<>&]/g, '')}</h1>`);
}

/** The first fault set for this path (and method), used up one time. */
export function takeFault(state, path, method) {
  const index = state.faults.findIndex(
    (f) =>
      (!f.method || f.method === method) && (f.path instanceof RegExp ? f.path.test(path) : path.startsWith(f.path)),
  );
  if (index < 0) return undefined;
  const fault = state.faults[index];
  if (--fault.times <= 0) state.faults.splice(index, 1);
  return fault;
}

/** A certificate for https://localhost and https://127.0.0.1, made at start-up (the browsers ignore its issuer). */
export function localhostCertificate() {
  return generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 7 * 86400_000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
}
