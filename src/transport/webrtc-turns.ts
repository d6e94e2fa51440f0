/**
 * libwebrtc's control calls (creating, describing and closing a peer) block the calling thread for
 * milliseconds each, and the bindings allow one thread per process: the pacer's. Run back to back in
 * one turn of the event loop, they add up (a call's setup blocked it 7–12 ms at a stretch, its
 * teardown 6–9 ms); with a turn between them, the pacer's due chunks go out in between, so the
 * longest stretch is one call.
 */

/** Resolves on the event loop's next turn, after timers that are due (its check phase). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs each step in a turn of its own; a step that throws does not stop the others. */
export async function inSeparateTurns(steps: Array<() => void>): Promise<void> {
  for (const step of steps) {
    await nextTurn();
    try {
      step();
    } catch {
      /* already closed */
    }
  }
}
