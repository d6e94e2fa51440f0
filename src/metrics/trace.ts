/**
 * The trace: everything that happened in one session, with monotonic timestamps (ms, from the run's
 * clock). It is the pivot between I/O and computation: metrics are pure functions of a trace.
 * Audio payloads are elided to their byte length (`audio_bytes`).
 */
export type TraceRecord = TraceMeta | TraceSend | TraceRecv | TraceChunk | TraceTurn | TracePlayback | TraceClose | TraceConnect | TraceNote;

interface Base {
  /** Session id (the SessionPlan id). */
  s: string;
  /** Monotonic ms. */
  t: number;
}

/** Session header: what was run and how. */
export interface TraceMeta extends Base {
  k: 'meta';
  scenario: string;
  target: string;
  model: string;
  dialect: 'ga' | 'beta';
  url: string;
  input_format: string;
  output_format: string;
  chunk_ms: number;
  /** Effective session settings the runner asked for (neutral form). */
  session: Record<string, unknown>;
}

/** A client event sent (not audio appends; those are `chunk`). */
export interface TraceSend extends Base {
  k: 'send';
  type: string;
  event: Record<string, unknown>;
}

/** A server event received (decoded and normalized; audio elided). */
export interface TraceRecv extends Base {
  k: 'recv';
  type: string;
  event: Record<string, unknown>;
}

/** One input audio chunk sent: its place in the session's input timeline and its send lag. */
export interface TraceChunk extends Base {
  k: 'chunk';
  /** Sequence number in the session's input stream. */
  seq: number;
  /** Input-timeline position of the chunk's audio [start, end) in ms. */
  pos_ms: number;
  end_ms: number;
  /** Scheduled deadline (monotonic ms); `t` is the actual send time. */
  due: number;
  bytes: number;
  /** Turn whose audio it carries, or -1 for microphone silence between turns. */
  turn: number;
  /** socket bufferedAmount right after the send (backpressure). */
  buffered?: number;
}

/** A user turn placed in the input timeline, with its ground truth. */
export interface TraceTurn extends Base {
  k: 'turn';
  turn: number;
  /** The turn's `name:` in the scenario, when it has one. */
  name?: string;
  fixture: string;
  /** Input-timeline position where the turn's audio starts (including leading silence). */
  pos_ms: number;
  /** True speech segments, in the input timeline (ms). */
  speech: Array<{ start_ms: number; end_ms: number }>;
  /** What started it: `start`, `response_done`, `first_audio`, `played`. */
  trigger: string;
  /** Whether this turn interrupts the assistant (barge-in). */
  barge_in: boolean;
  /** Manual mode: the client will commit after the audio. */
  manual: boolean;
  /** Leading audio of the fixture skipped so that a barge-in's onset lands on time (ms). */
  skip_ms?: number;
  /** The event the start was measured from (answer's first audio, played instant, response end). */
  reference_t?: number;
  /** The offset asked for after `reference_t` (ms): barge-in onset, or gap before the audio. */
  offset_ms?: number;
}

/** The connection was established (after any handshake retries). */
export interface TraceConnect extends Base {
  k: 'connect';
  /** When connecting began (monotonic ms). */
  started_t: number;
  /** Handshake time of the successful attempt (ms). */
  connect_ms: number;
  attempts: number;
  url: string;
}

/** The simulated real-time player of assistant audio. */
export interface TracePlayback extends Base {
  k: 'play';
  /**
   * `start` of an item's playback, `stop` when the client cut it (barge-in), `end` when it ran out,
   * `audible` when the delta holding the item's first audible sample arrived (see `at_ms`).
   */
  ev: 'start' | 'stop' | 'end' | 'audible';
  item_id: string;
  /** Audio of that item played so far (ms). */
  played_ms: number;
  /** For `audible`: position of the item's first audible sample in its audio (ms). */
  at_ms?: number;
}

export interface TraceClose extends Base {
  k: 'close';
  code: number;
  reason: string;
  /** Who closed: the client (normal end) or the server/network. */
  by: 'client' | 'server';
}

/** Anything else worth keeping: connection failures, timeouts, retries, warnings. */
export interface TraceNote extends Base {
  k: 'note';
  level: 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown>;
}
