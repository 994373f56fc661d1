// Requests from our own pages, answered the same way on Chrome and Firefox. The settings are read
// here (the offscreen document has no storage API) and travel with each request to the host.
import { loadAuthConfig } from '../shared/settings';
import type { Forward, Reply, UiRequest } from '../shared/messages';
import type { InviteResult } from '../core/invitation';
import { LAST_INVITE_KEY, removeSession, writeSession } from '../shared/session';
import { controlQueue, enqueueInvites } from './queue-runner';
import { recordInvitations, recordStates, type GuestState } from '../shared/history';

export async function routeUiRequest(request: UiRequest, forward: Forward): Promise<Reply<unknown>> {
  const config = await loadAuthConfig();
  switch (request.type) {
    case 'invite': {
      const reply = await forward({ to: 'host', type: 'invite', config, input: request.input });
      if (!reply.ok) {
        await removeSession(LAST_INVITE_KEY); // a failure must not bring back an older result
        return reply;
      }
      await writeSession(LAST_INVITE_KEY, reply.value);
      await recordInvitations([reply.value as InviteResult]);
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
    default:
      // status, signIn, signOut, directory, searchGroups: the same request, addressed to the host.
      return forward({ ...request, to: 'host', config });
  }
}
