/**
 * The one source of time in rtbench. Everything time-dependent receives a Clock; nothing else calls
 * `performance.now()` or `Date.now()`. Times are monotonic milliseconds (fractional).
 */
export interface Clock {
  /** Monotonic milliseconds since the clock's origin. */
  now(): number;
  /** Wall-clock epoch milliseconds (for run metadata only, never for measurements). */
  wallNow(): number;
  /** Runs `fn` at absolute monotonic time `atMs` (immediately-ish if already past). */
  setTimer(atMs: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /** Resolves at absolute monotonic time `atMs`; rejects with the signal's reason on abort. */
  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void>;
  readonly kind: 'real' | 'virtual';
}

export interface TimerHandle {
  readonly id: number;
}

/** Sleeps for `ms` relative to now. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return clock.sleepUntil(clock.now() + ms, signal);
}

export function sleepUntilWith(clock: Clock, atMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clock.clearTimer(handle);
      reject(signal!.reason);
    };
    const handle = clock.setTimer(atMs, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
