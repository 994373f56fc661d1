// Requests from our own pages, answered the same way on Chrome and Firefox. The settings are read
// here (the offscreen document has no storage API) and travel with each request to the host.
import { loadSettings } from '../shared/settings';
import type { Reply, UiRequest } from '../shared/messages';
import type { InviteResult } from '../core/invitation';
import { LAST_INVITE_KEY, writeSession, type LastInvite } from '../shared/session';
import { runBatch, type Forward } from './batch';

export type { Forward };

export async function routeUiRequest(request: UiRequest, forward: Forward): Promise<Reply<unknown>> {
  const { defaults: _defaults, inviteImmediately: _immediately, ...config } = await loadSettings();
  switch (request.type) {
    case 'invite': {
      const reply = await forward({ to: 'host', type: 'invite', config, input: request.input });
      const last: LastInvite = reply.ok
        ? { email: request.input.email, result: reply.value as InviteResult }
        : { email: request.input.email, error: reply.error };
      await writeSession(LAST_INVITE_KEY, last);
      return reply;
    }
    case 'inviteMany':
      return { ok: true, value: await runBatch(config, request.inputs, forward) };
    default:
      return forward({ to: 'host', type: request.type, config });
  }
}
