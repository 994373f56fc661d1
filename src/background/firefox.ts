// Firefox event page: it has a DOM, so it hosts MSAL and the Graph client itself.
import browser, { isOwnExtensionPage, type Runtime } from '../shared/browser';
import { isUiRequest } from '../shared/messages';
import { directIdentity } from '../auth/identity-port';
import { Host } from '../host/host';
import { routeUiRequest } from './router';
import { registerMenus } from './menus';
import { startQueue } from './queue-runner';

const host = new Host(directIdentity());

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isOwnExtensionPage(sender) || !isUiRequest(message)) return undefined;
  return routeUiRequest(message, (request) => host.handle(request));
});

registerMenus();
startQueue((request) => host.handle(request));
