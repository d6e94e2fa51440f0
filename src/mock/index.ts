/**
 * The bundled mock realtime server: OpenAI Realtime protocol (GA and beta) with server-VAD
 * emulation, scripted responses, latency profiles, interruption, function calls and fault injection.
 */
export { startMockServer, DEFAULT_MAX_PAYLOAD, type MockServer } from './hosting/server.js';
export { MockRealtime, type Admission, type Ticket } from './session/engine.js';
export type { MockOptions, MockStats, MockSessionStats, FaultSpec, SessionRecorder, RecorderHooks, RecordedSessionInfo } from './types.js';
export type { ScriptHooks, ResponseStep, TranscriptionStep, DropStep, Droppable } from './scripting-hooks.js';
export type { MockConnection } from './types.js';
export { PROFILES, profileNames, profileForModel, resolveProfile, type MockProfile } from './behaviour/profiles.js';
export { DIRECTIVES_HEADER, DIRECTIVES_QUERY, encodeDirectives, parseDirectives, type ParsedDirectives } from './behaviour/directives.js';
export { makeSelfSignedCert, type TlsMaterial } from './hosting/tls.js';
export type { ConnectRequest } from './hosting/handshake.js';
export { DEFAULT_ASSISTANT_TRANSCRIPT } from './responses/assistant-audio.js';
