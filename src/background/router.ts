// Requests from our own pages, answered the same way on Chrome and Firefox. The settings are read
// here (the offscreen document has no storage API) and travel with each request to the host.
import { loadSettings } from '../shared/settings';
import type { Forward, Reply, UiRequest } from '../shared/messages';
import type { InviteResult } from '../core/invitation';
import { LAST_INVITE_KEY, writeSession, type LastInvite } from '../shared/session';
import { controlQueue, enqueueInvites } from './queue-runner';
import { recordInvitations, recordStates, type GuestState } from '../shared/history';

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
      if (reply.ok) await recordInvitations([reply.value as InviteResult]);
      return reply;
    }
    case 'enqueue':
      return { ok: true, value: await enqueueInvites(request.inputs) };
    case 'queueControl':
      return { ok: true, value: await controlQueue(request.action) };
    case 'userStates': {
      const reply = await forward({ to: 'host', type: 'userStates', config, ids: request.ids });
      return reply.ok ? { ok: true, value: await recordStates(reply.value as Record<string, GuestState>) } : reply;
    }
    case 'directory':
      return forward({ to: 'host', type: 'directory', config, emails: request.emails });
    case 'searchGroups':
      return forward({ to: 'host', type: 'searchGroups', config, query: request.query });
    default:
      return forward({ to: 'host', type: request.type, config });
  }
}
