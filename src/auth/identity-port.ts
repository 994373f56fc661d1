// The browser's identity API, reached directly (Firefox event page) or through the service worker
// (Chrome's offscreen document has only the runtime API).
import browser from '../shared/browser';
import type { HostToBackground, Reply } from '../shared/messages';

export interface IdentityPort {
  /** The https://<id>.chromiumapp.org/ or …extensions.allizom.org/ URL registered as SPA redirect. */
  readonly redirectUrl: string;
  /** Opens the authorize URL and resolves with the URL the server redirected back to. */
  launchWebAuthFlow(url: string, interactive: boolean): Promise<string>;
}

/** Where the identity API is available in this context (service worker, Firefox background). */
export function directIdentity(): IdentityPort {
  return {
    redirectUrl: browser.identity.getRedirectURL(),
    launchWebAuthFlow: (url, interactive) => launchWebAuthFlow(url, interactive),
  };
}

export async function launchWebAuthFlow(url: string, interactive: boolean): Promise<string> {
  const details: Parameters<typeof browser.identity.launchWebAuthFlow>[0] & Record<string, unknown> = { url, interactive };
  if (!interactive) {
    // Chrome: let the silent flow follow server redirects for a while instead of failing on first load.
    details.abortOnLoadForNonInteractive = false;
    details.timeoutMsForNonInteractive = 10_000;
  }
  const responseUrl = await browser.identity.launchWebAuthFlow(details);
  if (!responseUrl) throw new Error('The authorization page returned no answer.');
  return responseUrl;
}

/** For Chrome's offscreen document: the worker runs the flow and hands back the response URL. */
export function relayedIdentity(): IdentityPort {
  return {
    redirectUrl: `https://${browser.runtime.id}.chromiumapp.org/`,
    async launchWebAuthFlow(url, interactive) {
      const request: HostToBackground = { to: 'background', type: 'webAuthFlow', url, interactive };
      const reply = (await browser.runtime.sendMessage(request)) as Reply<string> | undefined;
      if (!reply) throw new Error('The background did not answer.');
      if (!reply.ok) throw new Error(reply.error.subs?.[0] ?? reply.error.key);
      return reply.value;
    },
  };
}
