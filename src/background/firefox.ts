// Firefox event page: it has a DOM, so it hosts MSAL and the Graph client itself; host requests are
// answered in place, through the same checked receiver the offscreen document uses on Chrome.
import { directIdentity } from '../auth/identity-port';
import { Host } from '../host/host';
import { listen } from '../platform/browser';
import { hostRequests } from '../protocol/contract';
import { receiver } from '../protocol/messaging';
import { startBackground } from './background';

const host = receiver('host', hostRequests, new Host(directIdentity()).handlers);
listen(startBackground(async (message) => host(message)).answer);
