// Pages built to hurt a scanner, shared by the end-to-end tests and `npm run bench`: each still
// holds one real address, which the scan must find without stalling the popup.
export const HOSTILE_PAGES = {
  'deep.html': {
    address: 'deep@x.com',
    html: () => `<!doctype html><body>${'<div>'.repeat(10_000)}deep@x.com${'</div>'.repeat(10_000)}</body>`,
  },
  'deep-inline.html': {
    address: 'inline@x.com',
    html: () => `<!doctype html><body><p>${'<span>'.repeat(10_000)}inline@x.com${'</span>'.repeat(10_000)}</p></body>`,
  },
  'attribute.html': {
    address: 'ok@x.com',
    html: () =>
      `<!doctype html><body><a href="mailto:${'a'.repeat(1 << 20)}@x.com">x</a>` +
      `<span email="${'@'.repeat(1 << 20)}">y</span><div data-cfemail="${'ab'.repeat(1 << 19)}"></div>ok@x.com</body>`,
  },
  'ats.html': {
    address: 'ok@x.com',
    html: () => `<!doctype html><body><p>${'@'.repeat(1 << 20)}</p><p>${'.'.repeat(1 << 20)}</p>ok@x.com</body>`,
  },
};

/** The pages by name, for servePages(). */
export function hostilePages() {
  return Object.fromEntries(Object.entries(HOSTILE_PAGES).map(([name, page]) => [name, page.html()]));
}
