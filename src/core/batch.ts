// One JSON $batch step's answer, as the host hands it on and the queue's rules read it.
import type { GraphFailure } from './graph-errors';

/** Graph's limit for one JSON batch. */
export const BATCH_SIZE = 20;

export interface BatchAnswer {
  id: string;
  status: number;
  body?: unknown;
  retryAfterSeconds?: number;
}

/** What one step's answer says, whichever step it was. */
export type StepAnswer = Omit<BatchAnswer, 'id'>;

/** A step's error answer, as graph-errors reads it. */
export function failureOf(answer: StepAnswer): GraphFailure {
  const error = (answer.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return {
    status: answer.status,
    code: error?.code,
    message: error?.message,
    retryAfterSeconds: answer.retryAfterSeconds,
  };
}

export const isSuccess = (status: number) => status >= 200 && status < 300;
