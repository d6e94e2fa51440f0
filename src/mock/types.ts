/**
 * The mock's shared types: options, stats, faults, the server-side connection and replay mismatches.
 * A leaf: implementations import these, never the other way round.
 */
import type { Clock } from '../clock/clock.js';
import type { Transport } from '../transport/transport.js';
import type { ScriptHooks } from './scripting-hooks.js';

/**
 * One injected fault. A fault applies to a session when the session matches `sessions` (if given)
 * and a seeded draw passes `probability` (default 1). Timed faults (`drop`, `stall`, `error`,
 * `malformed`) fire during the `response`-th response of the session (0-based, default 0),
 * `afterMs` after its first audio delta (default 0).
 */
export interface FaultSpec {
  kind: 'drop' | 'stall' | 'error' | 'malformed' | 'reject' | 'rate_limits' | 'slow_reader';
  /** Chance (0–1) that a matching session gets this fault; drawn once per session, seeded. */
  probability?: number;
  /** Only these sessions (0-based, in order of connection to this mock). */
  sessions?: number[];
  /** Which response of the session (0-based) a timed fault hits. */
  response?: number;
  /** Delay after that response's first audio delta. */
  afterMs?: number;
  /** `stall`: how long nothing is sent (frames queue, then flush). `slow_reader`: delay per client frame. */
  durationMs?: number;
  /** `drop`: close with this code instead of cutting the TCP connection (no close frame, 1006). */
  closeCode?: number;
  /** `reject`: HTTP status of the refused handshake (401, 429, 500…); default 429. */
  status?: number;
  /** `reject` with 429: `Retry-After` header, seconds (default 1). */
  retryAfterS?: number;
  /** `error`: the error event's `error.type` / `code` / `message` (default a server_error). */
  errorType?: string;
  code?: string;
  message?: string;
  /** `rate_limits`: tokens remaining reported in `rate_limits.updated`, e.g. 0 to simulate exhaustion. */
  remaining?: number;
}

/** Options of the mock server. Every field is optional; defaults in brackets. */
export interface MockOptions {
  /** Interface to listen on [127.0.0.1]. */
  host?: string;
  /** Port, 0 = any free one [0]. */
  port?: number;
  /** Path that accepts WebSocket upgrades ['/v1/realtime']; `/openai/realtime` and `/openai/v1/realtime` (Azure) are accepted too. */
  path?: string;
  /** Seed of every random choice (latency draws, ids, fault draws) [0]. */
  seed?: number;
  /** Profile name (see behaviour/profiles.ts); default: chosen from `?model=` per connection. */
  profile?: string;
  /** A profile file (`rtbench calibrate` output): its fitted profile for each session's model wins over `profile`. */
  profileFile?: string;
  /** Replay a recorded run folder instead of simulating (see behaviour/replay.ts): connections take its sessions in order. */
  replay?: string;
  /**
   * Run throwaway sessions before serving, so the first real session is not timed on cold code: one
   * voice turn on a virtual clock in memory, and (a socket server without `recorder` or `script`) one
   * manual turn over its own socket, which the engine then forgets — no counter, session index or
   * log line shows it [on with the real clock].
   */
  warmUp?: boolean;
  /** Called for each replay mismatch (also logged and sent to the client as an `error`). */
  onReplayMismatch?: (m: ReplayMismatch) => void;
  /** Median first-audio delay, ms; with `jitterMs: 0` exactly this [profile's]. */
  firstAudioMs?: number;
  /** 0 = no randomness on the first-audio delay; N > 0 = uniform ±N ms; unset = the profile's spread. */
  jitterMs?: number;
  /** Serve `wss://`: `true` = self-signed certificate made at start (needs the `openssl` binary), or PEM files' contents. */
  tls?: boolean | { cert: string; key: string };
  /** When set, the handshake needs `Authorization: Bearer <key>` or `api-key: <key>`, else 401. */
  apiKey?: string;
  /** Time source for everything scheduled [new RealClock()]. */
  clock?: Clock;
  /** WAV answered as assistant audio [fixtures/assistant-reply.wav; a synthetic tone if missing]. */
  assistantAudioFile?: string;
  /** Transcript of that audio, streamed as `output_audio_transcript.delta` [a fixed sentence]. */
  assistantTranscript?: string;
  /** Largest client frame accepted, bytes [15 MiB + 64 KiB: a 15 MiB append and its envelope]; bigger frames close the socket with 1009. */
  maxPayload?: number;
  /** Close a session that received nothing for this long, ms (1000, "idle timeout") [off]. */
  idleTimeoutMs?: number;
  /** Imitate api.openai.com strictly regardless of profile (see `MockProfile.strictness`) [false]. */
  strict?: boolean;
  /** Faults injected into sessions. Directives may add per-connection faults. */
  faults?: FaultSpec[];
  /** WebSocket PING every N ms like the service (≈ 20 s in 2026 captures); 0 = none [20000]. Real sockets only. */
  pingIntervalMs?: number;
  /** Session cap like the service's 60 minutes: `session_expired` error then close 1001 [off]. */
  maxSessionMs?: number;
  /**
   * Called for each session as it attaches; the connection it returns wraps the session's own, so
   * it sees every frame both ways (the client-testing API records sessions with it) [none].
   */
  recorder?: SessionRecorder;
  /** Per-test script (next responses, drops, transcription failures, MCP servers) [none: every session follows its profile]. */
  script?: ScriptHooks;
  /** Diagnostic lines (connections, refusals, faults). */
  log?: (line: string) => void;
}

/** What a recorder is told of the session it records. */
export interface RecordedSessionInfo {
  /** 0-based, in order of connection to this mock. */
  index: number;
  dialect: 'ga' | 'beta';
  /** The mock's clock (timestamps of what it records). */
  clock: Clock;
}

/** Watches one session: returns the connection the session runs on, wrapping `conn`. */
export interface RecorderHooks {
  wrap(conn: MockConnection): MockConnection;
}

/** Makes a session's recorder (see `MockOptions.recorder`). */
export type SessionRecorder = (session: RecordedSessionInfo) => RecorderHooks;

/** Per-session counters. */
export interface MockSessionStats {
  id: string;
  index: number;
  dialect: 'ga' | 'beta';
  model: string;
  profile: string;
  state: 'open' | 'closed';
  framesReceived: number;
  bytesReceived: number;
  framesSent: number;
  bytesSent: number;
  /** Audio appended by the client, ms. */
  audioReceivedMs: number;
  responses: number;
  errorsSent: number;
  faults: string[];
}

export interface MockStats {
  /** Sessions attached so far (open and closed). */
  sessions: number;
  openSessions: number;
  /** Handshakes refused (auth, faults, bad path). */
  rejected: number;
  framesReceived: number;
  bytesReceived: number;
  audioReceivedMs: number;
  errorsSent: number;
  perSession: MockSessionStats[];
}

/** A server-side connection: a Transport, plus an abrupt cut when the transport can do one. */
export interface MockConnection extends Transport {
  /** Drops the connection without a close frame (the client sees 1006). */
  terminate?(): void;
}

export type ReplayMismatchKind = 'unexpected' | 'skipped' | 'never_sent' | 'not_replayed' | 'extra_session' | 'model';

export interface ReplayMismatch {
  /** Connection index (0-based) and the recorded session it replays. */
  connection: number;
  session: string | null;
  kind: ReplayMismatchKind;
  message: string;
}
