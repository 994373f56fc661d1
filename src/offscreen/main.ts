// Chrome's offscreen document: hosts MSAL (its localStorage cache) and the Graph client. When idle it
// asks the worker to close it (see host/idle.ts); MSAL's cache is in localStorage, so nothing is lost.
import { relayedIdentity } from '../auth/identity-port';
import { Host } from '../host/host';
import { HOST_IDLE_MS, watchIdle } from '../host/idle';
import { listen, sendMessage } from '../platform/browser';
import { hostRequests, workerRequests } from '../protocol/contract';
import { client, receiver } from '../protocol/messaging';

const answer = receiver('host', hostRequests, new Host(relayedIdentity()).handlers);
const worker = client<typeof workerRequests>('worker', sendMessage);
const idle = watchIdle(HOST_IDLE_MS, () => worker('hostIdle', {}));
listen((message) => idle.track(answer(message)));
