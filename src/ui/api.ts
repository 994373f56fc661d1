// How our pages talk to the background: the contract's typed client over runtime messaging.
import { sendMessage } from '../platform/browser';
import type { backgroundRequests } from '../protocol/contract';
import { client } from '../protocol/messaging';

export const api = client<typeof backgroundRequests>('background', sendMessage);
