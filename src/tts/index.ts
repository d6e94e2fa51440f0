/**
 * Speech synthesis for user turns: text → WAV with exact speech boundaries, offline (Flite
 * compiled to WebAssembly, run in an in-memory WASI host), cached by content.
 */
export * from './errors.js';
export * from './voices.js';
export { FLITE_PACKAGE, FLITE_WASM_ENV, locateEngine, parsePhoneTimings, type EngineLocation, type EngineOutput, type Phone } from './flite.js';
export { synthesize, normalizeRequest, speechSpans, LEAD_MS, TRAIL_MS, FADE_MS, SPLIT_PAUSE_MS, type SayRequest, type Synthesized } from './synthesize.js';
export { SpeechSynthesizer, SAY_FORMAT_VERSION, type SaidFile, type SpeechSynthesizerOptions } from './synthesizer.js';
