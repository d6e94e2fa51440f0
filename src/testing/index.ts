/**
 * Testing your own realtime voice client against the mock: a scriptable server that records what
 * the client sent, analyses of those recordings, and verdicts on client behaviour. This layer owns
 * the script (`script.ts`) and the recordings (`recording.ts`); the mock sees them only through the
 * hooks it declares (`MockOptions.script`, `MockOptions.recorder`) and never imports this folder.
 */
export { startRealtimeTestServer, type RealtimeTestServer, type TestServerOptions } from './server.js';
export {
  outputAudio,
  playbackAt,
  truncations,
  bargeIns,
  toolCalls,
  inputAudio,
  interruptResponseAt,
  type Truncation,
  type BargeIn,
  type ToolCallAnswer,
  type InputAudioStats,
  type ItemAudio,
} from './analyze.js';
export {
  truncatedAtPlayedAudio,
  truncatesWithinAudio,
  stoppedOnBargeIn,
  respectsInterruptResponse,
  answeredToolCall,
  streamedAudioInRealTime,
  reconnectedAfterDrop,
  type Verdict,
} from './matchers.js';
export { SessionRecording, WaitForTimeoutError, DEFAULT_WAIT_FOR_TIMEOUT_MS, type RecordedEvent, type SessionEnd } from './recording.js';
export { MockScript, type ResponseStep, type TranscriptionStep, type DropStep } from './script.js';
export type { McpServerScript, McpToolInfo } from '../mock/responses/mcp.js';
