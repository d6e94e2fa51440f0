import type { TimerHandle } from '../clock/clock.js';

/** Where a user turn is: not started, its speech playing, its trailing silence, waiting, or done. */
export type TurnPhase = 'pending' | 'speaking' | 'trailing' | 'awaiting' | 'done';

interface TurnEntry {
  phase: TurnPhase;
  /** A speech_stopped (or our commit) came since the turn started: responses now belong to it. */
  endOfTurn: boolean;
  /** A response of the turn finished (not cancelled, not incomplete): the turn has its answer. */
  answered: boolean;
  /** The response that answered it. */
  answeredBy: string | null;
  hadAudio: boolean;
  timeout: TimerHandle | null;
}

/**
 * The runner's book of user turns: each turn's phase, which responses belong to which turn, and
 * each turn's error. Responses created after the current turn's end of speech was signalled belong
 * to it (docs/metrics.md, "pairing").
 */
export class TurnBook {
  private readonly entries: TurnEntry[];
  private readonly responseTurn = new Map<string, number>();
  readonly errors: Array<string | null>;
  private cur = -1;

  constructor(count: number) {
    this.entries = Array.from({ length: count }, () => ({
      phase: 'pending' as TurnPhase,
      endOfTurn: false,
      answered: false,
      answeredBy: null,
      hadAudio: false,
      timeout: null,
    }));
    this.errors = this.entries.map(() => null);
  }

  /** The latest turn that has started (-1 before the first). */
  get current(): number {
    return this.cur;
  }

  phaseOf(turn: number): TurnPhase {
    return this.entries[turn]?.phase ?? 'done';
  }

  started(turn: number): void {
    this.entries[turn].phase = 'speaking';
    this.cur = turn;
  }

  audioEnded(turn: number): void {
    if (this.entries[turn].phase === 'speaking') this.entries[turn].phase = 'trailing';
  }

  awaiting(turn: number): void {
    const e = this.entries[turn];
    if (e.phase === 'speaking' || e.phase === 'trailing') e.phase = 'awaiting';
  }

  /** speech_stopped arrived, or the client committed: the current turn's end was signalled. */
  endOfTurnSignalled(): void {
    if (this.cur >= 0) this.entries[this.cur].endOfTurn = true;
  }

  responseCreated(responseId: string): void {
    if (this.cur >= 0 && this.entries[this.cur].endOfTurn) this.responseTurn.set(responseId, this.cur);
  }

  turnOf(responseId: string): number | undefined {
    return this.responseTurn.get(responseId);
  }

  audioArrived(turn: number): void {
    this.entries[turn].hadAudio = true;
  }

  hadAudio(turn: number): boolean {
    return this.entries[turn].hadAudio;
  }

  /** A response of `turn` finished as its answer; returns whether the turn can complete now (its audio was all sent). */
  answer(turn: number, responseId: string): boolean {
    const e = this.entries[turn];
    e.answered = true;
    e.answeredBy = responseId;
    return e.phase === 'awaiting';
  }

  /** The user spoke over response `responseId` within the turn: if it was the answer, it no longer is. */
  withdraw(turn: number, responseId: string): void {
    const e = this.entries[turn];
    if (e.answeredBy === responseId && e.phase !== 'done') {
      e.answered = false;
      e.answeredBy = null;
    }
  }

  isAnswered(turn: number): boolean {
    return this.entries[turn].answered;
  }

  setTimeout(turn: number, h: TimerHandle): void {
    this.entries[turn].timeout = h;
  }

  /** Marks `turn` done; returns false if it already was, else its pending timeout (to clear), or null. */
  complete(turn: number): TimerHandle | null | false {
    const e = this.entries[turn];
    if (!e || e.phase === 'done') return false;
    e.phase = 'done';
    const h = e.timeout;
    e.timeout = null;
    return h;
  }

  /** Records why `turn` has no valid measurement (the first reason wins); returns whether it was recorded. */
  failTurn(turn: number, reason: string): boolean {
    if (turn >= this.errors.length || this.errors[turn] !== null) return false;
    this.errors[turn] = reason;
    return true;
  }

  /** The session failed: every turn not done carries the reason. */
  failOpenTurns(reason: string): void {
    this.entries.forEach((e, i) => {
      if (e.phase !== 'done') this.failTurn(i, reason);
    });
  }
}
