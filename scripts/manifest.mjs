// The one manifest.json, as each browser gets it: used by the build (vite.config.ts) and by the store kit,
// which justifies every permission the built manifest asks for.

/**
 * @param {any} source the parsed manifest.json
 * @param {'chrome' | 'firefox'} target
 * @param {{ version: string, hostPermission?: string }} options
 */
export function manifestFor(source, target, { version, hostPermission }) {
  const manifest = structuredClone(source);
  manifest.version = version;
  // End-to-end builds only: a host permission for the local test pages stands in for the click
  // that grants activeTab, which automation cannot make (native menus and the toolbar are out of reach).
  if (hostPermission) manifest.host_permissions = [hostPermission];
  if (target === 'chrome') {
    delete manifest.background.scripts;
    delete manifest.browser_specific_settings;
    manifest.permissions.push('offscreen');
  } else {
    delete manifest.background.service_worker;
    delete manifest.minimum_chrome_version;
  }
  return manifest;
}
