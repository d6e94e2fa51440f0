/**
 * The bundled mock realtime server: OpenAI Realtime protocol (GA and beta) with server-VAD
 * emulation, scripted responses, latency profiles, interruption, function calls and fault injection.
 */
export { startMockServer, DEFAULT_MAX_PAYLOAD, type MockServer } from './server.js';
export { MockRealtime, type Admission, type Ticket } from './engine.js';
export type { MockOptions, MockStats, MockSessionStats, FaultSpec } from './options.js';
export type { MockConnection } from './session.js';
export { PROFILES, profileNames, profileForModel, resolveProfile, type MockProfile } from './profiles.js';
export { DIRECTIVES_HEADER, DIRECTIVES_QUERY, encodeDirectives, parseDirectives, type ParsedDirectives } from './directives.js';
export { makeSelfSignedCert, type TlsMaterial } from './tls.js';
export type { ConnectRequest } from './handshake.js';
export { DEFAULT_ASSISTANT_TRANSCRIPT } from './assistant-audio.js';
