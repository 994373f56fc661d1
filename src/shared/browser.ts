// The one place that touches the extension API namespace: Firefox's `browser`, or Chrome's through
// the polyfill (which steps aside where Chrome already provides a promise-based `browser`).
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Tabs, Menus } from 'webextension-polyfill';

/** True when the sender is a page of this extension (popup, options, offscreen), not a web page. */
export function isOwnExtensionPage(sender: { id?: string; url?: string }): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL(''));
}
