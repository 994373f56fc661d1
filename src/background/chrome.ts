// Chrome/Edge service worker. MSAL needs a DOM, which a worker lacks, so sign-in state and Graph
// calls live in an offscreen document; the worker routes messages, runs launchWebAuthFlow, which the
// offscreen document cannot call, and closes the document when it has been idle (see host/idle.ts).
import { HOST_IDLE_MS } from '../host/idle';
import { closeOffscreen, ensureOffscreen, launchWebAuthFlow, listen, sendMessage } from '../platform/browser';
import { workerRequests } from '../protocol/contract';
import { fail, ok, receiver, type Envelope } from '../protocol/messaging';
import { startBackground } from './background';

/** Host requests sent and not yet answered: the document is never closed under one. */
let hostCalls = 0;

async function sendToHost(message: Envelope): Promise<unknown> {
  hostCalls++;
  try {
    await ensureOffscreen();
    return await sendMessage(message);
  } finally {
    hostCalls--;
  }
}

const { answer: answerPage, runner } = startBackground(sendToHost);
const answerHost = receiver('worker', workerRequests, {
  webAuthFlow: ({ url, interactive }) =>
    launchWebAuthFlow(url, interactive).then(ok, (error: unknown) =>
      fail('errSignInFailed', [error instanceof Error ? error.message : String(error)]),
    ),
  hostIdle: async () => {
    // Checked and closed in one turn: a request that starts meanwhile waits for the close, then
    // opens a new document (see ensureOffscreen).
    const closing = hostCalls === 0 && !runner.busy(HOST_IDLE_MS);
    if (closing) void closeOffscreen();
    return ok({ closing });
  },
});
listen((message) => answerPage(message) ?? answerHost(message));
