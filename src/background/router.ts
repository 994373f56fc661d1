// Requests from our own pages, answered the same way on Chrome and Firefox. The settings are read
// here (the offscreen document has no storage API) and travel with each request to the host.
import browser from '../shared/browser';
import { loadSettings } from '../shared/settings';
import type { HostRequest, Reply, UiRequest } from '../shared/messages';
import type { InviteResult } from '../core/invitation';
import { LAST_INVITE_KEY, type LastInvite } from '../shared/last-invite';

export type Forward = (request: HostRequest) => Promise<Reply<unknown>>;

export async function routeUiRequest(request: UiRequest, forward: Forward): Promise<Reply<unknown>> {
  const { defaults: _defaults, ...config } = await loadSettings();
  if (request.type !== 'invite') return forward({ to: 'host', type: request.type, config });
  const reply = await forward({ to: 'host', type: 'invite', config, input: request.input });
  const last: LastInvite = reply.ok
    ? { email: request.input.email, result: reply.value as InviteResult }
    : { email: request.input.email, error: reply.error };
  await browser.storage.session.set({ [LAST_INVITE_KEY]: last });
  return reply;
}
