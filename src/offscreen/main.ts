// Chrome's offscreen document: hosts MSAL (its localStorage cache) and the Graph client.
import browser, { isOwnExtensionPage, type Runtime } from '../shared/browser';
import { isHostRequest } from '../shared/messages';
import { relayedIdentity } from '../auth/identity-port';
import { Host } from '../host/host';

const host = new Host(relayedIdentity());

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isOwnExtensionPage(sender) || !isHostRequest(message)) return undefined;
  return host.handle(message);
});
