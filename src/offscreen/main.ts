// Chrome's offscreen document: hosts MSAL (its localStorage cache) and the Graph client.
import { relayedIdentity } from '../auth/identity-port';
import { Host } from '../host/host';
import { listen } from '../platform/browser';
import { hostRequests } from '../protocol/contract';
import { receiver } from '../protocol/messaging';

listen(receiver('host', hostRequests, new Host(relayedIdentity()).handlers));
