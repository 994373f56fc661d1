// No page in charge: requests that come from a web page or from a content script in one get no
// answer and reach Graph never, whatever they ask for.
import { expect, test } from 'vitest';
import { readStoredQueue } from '../support/browser.mjs';
import { signedInWithPages } from './harness';

const env = signedInWithPages();

const options = {
  redirectUrl: 'https://myapps.microsoft.com',
  sendMail: true,
  message: '',
  messageLanguage: '',
  cc: '',
  userType: 'Guest',
};
const input = { ...options, email: 'victim@fabrikam.com', displayName: 'Victim' };
const config = {
  clientId: '3f6c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69',
  tenant: 'x',
  cloud: 'global',
  customAuthority: '',
  customGraph: '',
};
/** What a hostile page would try: every route to an invitation, and a look at the directory. */
const REQUESTS = [
  { to: 'background', type: 'enqueue', payload: { options, recipients: [{ email: 'victim@fabrikam.com', name: '' }] } },
  { to: 'background', type: 'invite', payload: { input } },
  { to: 'background', type: 'directory', payload: { emails: ['ceo@contoso.com'] } },
  { to: 'host', type: 'sendBatch', payload: { config, items: [{ id: '1', input }] } },
  { to: 'worker', type: 'webAuthFlow', payload: { url: 'https://evil.example/', interactive: true } },
  { to: 'worker', type: 'hostIdle', payload: {} },
];

test('a content script and a web page get no answer, and nothing reaches Graph', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.pages.url}/team-directory.html`);
  const tabId = await env.browser.worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0].id!, page.url());
  env.tenant.reset();

  // A content script: the extension's own id, but a web page's URL.
  const fromContentScript = await env.browser.worker.evaluate(
    async ({ tabId, requests }) => {
      const [injection] = await chrome.scripting.executeScript({
        target: { tabId },
        args: [requests],
        func: async (all: unknown[]) =>
          Promise.all(
            all.map((request) =>
              chrome.runtime.sendMessage(request).then(
                (answer: unknown) => ({ answer: answer ?? null }),
                (error: Error) => ({ refused: error.message }),
              ),
            ),
          ),
      });
      return injection.result;
    },
    { tabId, requests: REQUESTS },
  );
  expect(fromContentScript).toHaveLength(REQUESTS.length);
  for (const outcome of fromContentScript as { answer?: unknown }[]) expect(outcome.answer ?? null).toBeNull();

  // The page itself cannot even address the extension (no externally_connectable).
  const fromPage = await page.evaluate(
    async ({ id, request }) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> } } })
        .chrome?.runtime;
      if (!runtime?.sendMessage) return 'no runtime';
      try {
        return await runtime.sendMessage(id, request);
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    },
    { id: env.browser.extensionId, request: REQUESTS[0] },
  );
  expect(String(fromPage)).toMatch(/no runtime|refused/);

  // Give anything that might have been started time to reach the env.tenant.
  await page.waitForTimeout(1500);
  expect(env.tenant.invitations()).toEqual([]);
  expect(env.tenant.requests('POST', '/v1.0/$batch')).toEqual([]);
  expect(
    await env.browser.worker.evaluate(async () => (await chrome.storage.local.get('queue')).queue ?? null),
  ).toBeNull();
  await page.close();
});

test('the background checks every address again: our own page sending a bad one gets it refused', async () => {
  const popup = await env.browser.context.newPage();
  await popup.goto(`chrome-extension://${env.browser.extensionId}/popup/popup.html`);
  env.tenant.reset();
  // What a broken (or tampered) page of ours could send: addresses the popup itself would never let through.
  const bad = ['ja#ne@fabrikam.com', 'plus+tag@fabrikam.com', 'no-at-sign.fabrikam.com', 'x@localhost'];
  const recipients = [...bad, 'good@fabrikam.com'].map((email) => ({ email, name: '' }));
  const reply = await popup.evaluate(
    (payload) => chrome.runtime.sendMessage({ to: 'background', type: 'enqueue', payload }),
    { options, recipients },
  );
  const { ok, value } = reply as { ok: boolean; value: { items: { email: string; state: string }[] } };
  expect(ok).toBe(true);
  const states = Object.fromEntries(value.items.map((i) => [i.email, i.state]));
  for (const address of bad) expect(states[address], address).toBe('skipped');
  // Wait until the queue has nothing left on its way before counting what reached Graph.
  await expect
    .poll(async () => {
      const queue = (await readStoredQueue(env.browser.worker)) as { items: { state: string }[] };
      return queue.items.filter((i) => ['waiting', 'sending', 'uncertain', 'grouping'].includes(i.state)).length;
    })
    .toBe(0);
  expect(env.tenant.invitations().map((i) => i.body.invitedUserEmailAddress)).toEqual(['good@fabrikam.com']);
  await popup.close();
});
