// The host (MSAL and the Graph client, several MB of heap) is not kept open for nothing: once no
// request has been in flight for a while, it says so, and the worker closes it if no run needs it.

/** How long the host stays open after its last request (issue: nothing heavy stays when idle). */
export const HOST_IDLE_MS = 30_000;

export interface IdleWatch {
  /** Counts an answer in flight until it settles; undefined (not our message) passes through. */
  track<T>(answer: Promise<T> | undefined): Promise<T> | undefined;
}

/**
 * Calls `onIdle` once nothing has been in flight for `idleMs` (and again `idleMs` after that, for as
 * long as it stays idle and open: the worker may have said "not yet" because a run was waiting).
 */
export function watchIdle(idleMs: number, onIdle: () => Promise<unknown>): IdleWatch {
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (inFlight === 0) void onIdle().finally(() => inFlight === 0 && arm());
    }, idleMs);
  };
  arm(); // opened for a request that may never come
  return {
    track(answer) {
      if (!answer) return answer;
      inFlight++;
      clearTimeout(timer);
      return answer.finally(() => --inFlight === 0 && arm());
    },
  };
}
