/**
 * Audio: WAV decoding, conversion to the session format, chunking, G.711, levels, the streaming
 * server-VAD emulation, offline speech annotation and test-signal mixing.
 */
export * from './errors.js';
export * from './wav.js';
export * from './resample.js';
export * from './filter.js';
export * from './convert.js';
export * from './g711.js';
export * from './load.js';
export * from './chunk.js';
export * from './energy.js';
export * from './vad.js';
export * from './detect.js';
export * from './annotate.js';
export * from './mix.js';
export { SeededRandom } from '../util/prng.js';
