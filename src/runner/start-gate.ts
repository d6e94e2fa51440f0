/** One session's place at a {@link StartGate}: exactly one of `ready` or `gone` counts. */
export interface StartTicket {
  /** The session is configured and about to talk: resolves when the whole wave may start. */
  ready(): Promise<void>;
  /** The session will not become ready (failed, gave up, interrupted). Idempotent. */
  gone(): void;
}

/**
 * Holds the first wave of a run without ramp — the sessions that start together — until every one of
 * them is connected and configured (or has failed), then lets all their microphones start at once,
 * each on its own phase of the chunk grid. Without it, the connection burst of N sessions (both sides'
 * handshakes, `session.created`/`update`) lands on the first chunks of the sessions that happened to
 * connect first, and the run measures its own start-up as send lag. Sessions started later (after the
 * first wave, or under `--ramp`) never wait.
 */
export class StartGate {
  private pending: number;
  private release!: () => void;
  private readonly opened: Promise<void>;

  constructor(sessions: number) {
    this.pending = sessions;
    this.opened = new Promise((r) => (this.release = r));
    if (sessions <= 0) this.release();
  }

  /** A ticket for one session of the wave. */
  ticket(): StartTicket {
    let counted = false;
    const arrive = () => {
      if (counted) return;
      counted = true;
      if (--this.pending === 0) this.release();
    };
    return {
      ready: () => {
        arrive();
        return this.opened;
      },
      gone: arrive,
    };
  }
}
