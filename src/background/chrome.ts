// Chrome/Edge service worker. MSAL needs a DOM, which a worker lacks, so sign-in state and Graph
// calls live in an offscreen document; the worker routes messages and runs launchWebAuthFlow,
// which the offscreen document cannot call.
import { ensureOffscreen, launchWebAuthFlow, listen, sendMessage } from '../platform/browser';
import { identityRequests } from '../protocol/contract';
import { fail, ok, receiver, type Envelope } from '../protocol/messaging';
import { startBackground } from './background';

async function sendToHost(message: Envelope): Promise<unknown> {
  await ensureOffscreen();
  return sendMessage(message);
}

const answerPage = startBackground(sendToHost);
const answerHost = receiver('identity', identityRequests, {
  webAuthFlow: ({ url, interactive }) =>
    launchWebAuthFlow(url, interactive).then(ok, (error: unknown) =>
      fail('errSignInFailed', [error instanceof Error ? error.message : String(error)]),
    ),
});
listen((message) => answerPage(message) ?? answerHost(message));
