// The browser's identity API, reached directly (Firefox event page) or through the service worker
// (Chrome's offscreen document has only the runtime API).
import { extensionId, launchWebAuthFlow, redirectUrl, sendMessage } from '../platform/browser';
import { workerRequests } from '../protocol/contract';
import { client } from '../protocol/messaging';

export interface IdentityPort {
  /** The https://<id>.chromiumapp.org/ or …extensions.allizom.org/ URL registered as SPA redirect. */
  readonly redirectUrl: string;
  /** Opens the authorize URL and resolves with the URL the server redirected back to. */
  launchWebAuthFlow(url: string, interactive: boolean): Promise<string>;
}

/** Where the identity API is available in this context (service worker, Firefox background). */
export function directIdentity(): IdentityPort {
  return { redirectUrl: redirectUrl(), launchWebAuthFlow };
}

/** For Chrome's offscreen document: the worker runs the flow and hands back the response URL. */
export function relayedIdentity(): IdentityPort {
  const request = client<typeof workerRequests>('worker', sendMessage);
  return {
    redirectUrl: `https://${extensionId()}.chromiumapp.org/`,
    async launchWebAuthFlow(url, interactive) {
      const reply = await request('webAuthFlow', { url, interactive });
      // The worker's reason (e.g. "The user did not approve access.") decides cancelled vs failed.
      if (!reply.ok) throw new Error(reply.error.subs?.[0] ?? reply.error.key);
      return reply.value;
    },
  };
}
