import type { TurnStart } from '../scenario/types.js';

/** A decided start: turn `turn` begins so that its speech onset lands at `onsetT` (monotonic ms). */
export interface PlannedStart {
  turn: number;
  /** When the turn's speech onset must be heard. For `played_out`/`response_done`/`start` turns: when its audio starts. */
  onsetT: number;
  /** Whether `onsetT` is the onset of speech (barge-in) or the start of the turn's audio. */
  anchor: 'onset' | 'audio';
  /** When the turn's audio (leading silence included) would start to put the onset on time. */
  audioT: number;
  /** The event the offset is measured from (first audio arrival, the played instant, the answer heard, response end…). */
  referenceT: number;
  /** The offset asked for (ms after `referenceT`). */
  offsetMs: number;
}

/**
 * The one owner of *when the next user turn starts*. The session tells it what happened (streaming
 * began, a turn's answer started or was withdrawn, how much of it was played, a turn completed);
 * it decides the instant, by the next turn's {@link TurnStart} rule, and hands it out once through
 * {@link take}. Pure: no clock, no I/O, so it is unit-tested with plain numbers.
 */
export class TurnScheduler {
  private next = 0;
  private planned: PlannedStart | null = null;
  /** The answer whose first audio armed a `first_audio` barge-in (so a withdrawal can disarm it). */
  private armedBy: string | null = null;

  /**
   * @param starts each turn's start rule
   * @param onsetMs each turn's first true speech, ms into its audio (leading silence included)
   */
  constructor(
    private readonly starts: readonly TurnStart[],
    private readonly onsetMs: readonly number[],
  ) {}

  /** Index of the next turn to start (= number of turns started so far). */
  get nextTurn(): number {
    return this.next;
  }

  /** The decided but not yet taken start, if any. */
  get pending(): PlannedStart | null {
    return this.planned;
  }

  /** Whether every turn has started. */
  get exhausted(): boolean {
    return this.next >= this.starts.length;
  }

  /** The session is ready and the microphone runs: the first turn starts `gap_ms` later. */
  streamingStarted(t: number): void {
    if (this.next !== 0 || this.planned) return;
    const s = this.starts[0];
    if (!s) return;
    const gap = 'gap_ms' in s ? s.gap_ms : 0;
    this.plan({ turn: 0, onsetT: t + gap, anchor: 'audio', referenceT: t, offsetMs: gap });
  }

  /** The first audio of response `responseId`, a candidate answer of `turn`, arrived at `t`. */
  answerAudio(turn: number, responseId: string, t: number): void {
    const s = this.nextStart(turn);
    if (!s || s.after !== 'first_audio' || this.planned) return;
    this.armedBy = responseId;
    this.plan({ turn: turn + 1, onsetT: t + s.offset_ms, anchor: 'onset', referenceT: t, offsetMs: s.offset_ms });
  }

  /**
   * Playback of `turn`'s answer: `playedMs` played at `t`, `receivedMs` received so far. Once the
   * player holds enough audio, the instant it will have played `played_ms` is known exactly (it
   * plays in real time while audio is buffered).
   */
  answerPlayback(turn: number, responseId: string, t: number, playedMs: number, receivedMs: number): void {
    const s = this.nextStart(turn);
    if (!s || s.after !== 'played' || this.planned || receivedMs < s.played_ms) return;
    this.armedBy = responseId;
    const at = t + Math.max(0, s.played_ms - playedMs);
    this.plan({ turn: turn + 1, onsetT: at, anchor: 'onset', referenceT: at, offsetMs: 0 });
  }

  /** Response `responseId` of `turn` ended cancelled or incomplete: it was not the answer after all. */
  answerWithdrawn(turn: number, responseId: string): void {
    if (this.planned && this.planned.turn === turn + 1 && this.armedBy === responseId) {
      this.planned = null;
      this.armedBy = null;
    }
  }

  /**
   * `turn` is complete at `t` (answered — its response.done — and its audio sent, or given up). An
   * `after_response_done` turn starts `gap_ms` later; a barge-in whose trigger never came (no audio,
   * answer too short to reach `played_ms`) starts now. A default turn waits for {@link answerHeard}.
   */
  turnCompleted(turn: number, t: number): void {
    const s = this.nextStart(turn);
    if (!s || this.planned || s.after === 'played_out') return;
    const gap = 'gap_ms' in s ? s.gap_ms : 0;
    this.plan({ turn: turn + 1, onsetT: t + gap, anchor: 'audio', referenceT: t, offsetMs: gap });
  }

  /**
   * `turn` is complete and the client's player will have played every answer out at `heardT` (now
   * or later; `turnCompleted` came first). The default turn starts `gap_ms` after it.
   */
  answerHeard(turn: number, heardT: number): void {
    const s = this.nextStart(turn);
    if (!s || this.planned || s.after !== 'played_out') return;
    this.plan({ turn: turn + 1, onsetT: heardT + s.gap_ms, anchor: 'audio', referenceT: heardT, offsetMs: s.gap_ms });
  }

  /** Hands out the planned start if it falls before `untilT`; the turn then counts as started. */
  take(untilT: number): PlannedStart | null {
    const p = this.planned;
    if (!p || p.audioT >= untilT) return null;
    this.planned = null;
    this.armedBy = null;
    this.next = p.turn + 1;
    return p;
  }

  /** The start rule of the turn after `turn`, if that turn is the next one to start. */
  private nextStart(turn: number): TurnStart | undefined {
    if (turn + 1 !== this.next) return undefined;
    return this.starts[turn + 1];
  }

  private plan(p: Omit<PlannedStart, 'audioT'>): void {
    const audioT = p.anchor === 'onset' ? p.onsetT - (this.onsetMs[p.turn] ?? 0) : p.onsetT;
    this.planned = { ...p, audioT };
  }
}
