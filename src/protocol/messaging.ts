// Everything derived from the contract's maps: the envelope each request travels in, the handler map
// a receiver must provide (checked by the compiler, one handler per request), the receiver that
// checks a message before any handler sees it, and the typed client that sends one.
import type { UserError } from '../core/graph-errors';
import type { Reply, Spec } from './contract';
import { v } from './schemas';

type AnySpec = Spec<unknown, unknown>;
export type SpecMap = Record<string, AnySpec>;
export type PayloadOf<S> = S extends Spec<infer P, unknown> ? P : never;
export type AnswerOf<S> = S extends Spec<unknown, infer A> ? A : never;

/** Which context a request is for. */
export type Receiver = 'background' | 'host' | 'worker';

export interface Envelope {
  to: Receiver;
  type: string;
  payload: unknown;
}

/** One handler per request of the map, answering with that request's answer type. */
export type Handlers<M extends SpecMap> = {
  [K in keyof M]: (payload: PayloadOf<M[K]>) => Promise<Reply<AnswerOf<M[K]>>>;
};

export type Client<M extends SpecMap> = <K extends keyof M & string>(
  type: K,
  payload: PayloadOf<M[K]>,
) => Promise<Reply<AnswerOf<M[K]>>>;

export function fail(key: string, subs?: string[]): { ok: false; error: UserError } {
  return { ok: false, error: { key, subs } };
}

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

const envelope = v.object({
  to: v.picklist(['background', 'host', 'worker']),
  type: v.string(),
  payload: v.unknown(),
});

/**
 * A message listener for one receiver: anything not addressed to it gets no answer (undefined); a
 * request whose payload fails its schema is refused before a handler sees it.
 */
export function receiver<M extends SpecMap>(
  to: Receiver,
  map: M,
  handlers: Handlers<M>,
): (message: unknown) => Promise<Reply<unknown>> | undefined {
  return (message) => {
    const parsed = v.safeParse(envelope, message);
    if (!parsed.success || parsed.output.to !== to || !Object.hasOwn(map, parsed.output.type)) return undefined;
    const type = parsed.output.type as keyof M & string;
    const payload = v.safeParse(map[type].payload, parsed.output.payload);
    if (!payload.success) return Promise.resolve(fail('errUnexpected', ['', `malformed ${type} request`]));
    return handlers[type](payload.output as PayloadOf<M[typeof type]>).catch((error: unknown) =>
      fail('errUnexpected', ['', error instanceof Error ? error.message : String(error)]),
    );
  };
}

/** A reply's envelope (checked by hand: the pages, which load this, stay small). */
function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  const error = value.ok === false && 'error' in value ? value.error : undefined;
  return typeof error === 'object' && error !== null && 'key' in error && typeof error.key === 'string';
}

/**
 * The typed way to send a request of the map. `send` is the transport (runtime messaging, or a
 * direct call where sender and receiver share a context). The answer is our own code's, so only its
 * envelope is checked; its value has the type the contract gives it.
 */
export function client<M extends SpecMap>(to: Receiver, send: (message: Envelope) => Promise<unknown>): Client<M> {
  return async (type, payload) => {
    let answer: unknown;
    try {
      answer = await send({ to, type, payload });
    } catch (error) {
      return fail('errUnexpected', ['', error instanceof Error ? error.message : String(error)]);
    }
    if (!isReply(answer)) return fail('errUnexpected', ['', `no answer to ${type}`]);
    return answer as Reply<AnswerOf<M[typeof type]>>;
  };
}
