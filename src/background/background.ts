// What the Chrome service worker and the Firefox event page share: the queue, the answers to our
// pages, the context menu. `sendToHost` is how this background reaches MSAL and Graph.
import { backgroundRequests, hostRequests } from '../protocol/contract';
import { client, receiver, type Envelope } from '../protocol/messaging';
import { platform } from '../platform/browser';
import { history, store } from '../storage/browser-store';
import { t } from '../shared/i18n';
import { registerMenus } from './menus';
import { QueueRunner } from './queue-runner';
import { backgroundHandlers, hostCall } from './router';

export function startBackground(sendToHost: (message: Envelope) => Promise<unknown>): {
  answer: (message: unknown) => Promise<unknown> | undefined;
  runner: QueueRunner;
} {
  const host = hostCall(store, client<typeof hostRequests>('host', sendToHost));
  const runner = new QueueRunner({
    platform,
    store,
    history,
    host,
    words: (error) => t(error.key, error.subs),
    describeEnd: (c) =>
      c.failed ? t('notifyFailedMany', [String(c.done), String(c.failed)]) : t('notifyInvitedMany', [String(c.done)]),
  });
  const answer = receiver('background', backgroundRequests, backgroundHandlers(host, runner, history, store));
  registerMenus(runner);
  void runner.start(); // a restarted worker picks up where the last one stopped
  void store.removeRetired();
  return { answer, runner };
}
