/**
 * What the mock reads of a test's script: the steps it consumes and the settings it obeys. The
 * script itself (`MockScript`, queueing the steps) belongs to the client-testing API in src/testing/;
 * the mock only sees this interface, so it never imports that layer. A leaf, types only.
 */
import type { ErrorTemplate } from './errors.js';
import type { McpServerScript } from './responses/mcp.js';

/** What the next response does instead of the default audio answer. */
export type ResponseStep =
  | { kind: 'function_call'; name: string; arguments?: Record<string, unknown> }
  | { kind: 'mcp_call'; serverLabel?: string; name?: string; arguments?: Record<string, unknown> }
  | { kind: 'fail'; error?: Partial<ErrorTemplate> }
  | { kind: 'audio'; ms: number }
  | { kind: 'text'; text: string };

/** What happens to the transcription of the next committed user item. */
export type TranscriptionStep = { kind: 'failed'; error?: Partial<ErrorTemplate> } | { kind: 'text'; text: string };

/** A scripted drop of a connection. */
export interface DropStep {
  afterMs: number;
  /** Close with this code; default: cut the TCP connection (the client sees 1006). */
  closeCode?: number;
}

/** A session the script can drop (the engine's open sessions). */
export interface Droppable {
  readonly index: number;
  scheduleDrop(step: DropStep): void;
}

/** The engine's and sessions' view of a per-test script: each `take…` consumes one queued step. */
export interface ScriptHooks {
  /** speech_started is sent this long after the speech onset the VAD found (audio time); undefined: the profile decides. */
  readonly bargeInDelayMs: number | undefined;
  /** The engine tells the script how to reach its open sessions (oldest first), for drops scripted while they are open. */
  bindSessions(open: () => Droppable[]): void;
  takeResponse(): ResponseStep | undefined;
  takeTranscription(): TranscriptionStep | undefined;
  /** A drop queued for the next session to open. */
  takeDrop(): DropStep | undefined;
  mcpScript(label: string): McpServerScript | undefined;
}
