// Chrome/Edge service worker. MSAL needs a DOM, which a worker lacks, so sign-in state and Graph
// calls live in an offscreen document; the worker routes messages and runs launchWebAuthFlow,
// which the offscreen document cannot call.
import browser, { isOwnExtensionPage, type Runtime } from '../shared/browser';
import { fail, isUiRequest, isWebAuthFlowRequest, type HostRequest, type Reply } from '../shared/messages';
import { launchWebAuthFlow } from '../auth/identity-port';
import { routeUiRequest } from './router';
import { registerMenus } from './menus';
import { startQueue } from './queue-runner';

const OFFSCREEN_URL = 'offscreen/offscreen.html';
let creating: Promise<void> | undefined;

async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_URL);
  const existing = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType], documentUrls: [url] });
  if (existing.length) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: ['LOCAL_STORAGE' as chrome.offscreen.Reason],
      justification: 'Keeps the Microsoft sign-in session (MSAL cache) and sends Graph requests.',
    })
    .finally(() => (creating = undefined));
  await creating;
}

async function forwardToHost(request: HostRequest): Promise<Reply<unknown>> {
  await ensureOffscreen();
  const reply = (await browser.runtime.sendMessage(request)) as Reply<unknown> | undefined;
  return reply ?? fail('errUnexpected', ['', 'no answer from the offscreen document']);
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isOwnExtensionPage(sender)) return undefined;
  if (isUiRequest(message)) return routeUiRequest(message, forwardToHost);
  if (isWebAuthFlowRequest(message)) {
    return launchWebAuthFlow(message.url, message.interactive).then(
      (value): Reply<string> => ({ ok: true, value }),
      (error: unknown) => fail('errSignInFailed', [error instanceof Error ? error.message : String(error)]),
    );
  }
  return undefined;
});

registerMenus();
startQueue(forwardToHost);
