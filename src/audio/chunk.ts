/**
 * Cutting prepared audio into the chunks the pacer sends, with the base64 payload computed once, so
 * the send path only concatenates strings around it.
 *
 * The last chunk is shorter when the audio does not divide evenly; it is never zero-padded, so the
 * audio sent is exactly the fixture and the last chunk's `endMs` is the fixture's duration (padding
 * would move the true end of the input and lengthen the VAD's silence by up to one chunk).
 */
import { ALAW_SILENCE, MULAW_SILENCE } from './g711.js';

/** One slice of input audio, ready to send. */
export interface AudioChunk {
  /** position of the first sample in the audio, ms */
  startMs: number;
  /** position just after the last sample, ms */
  endMs: number;
  /** payload size, bytes (before base64) */
  bytes: number;
  /** the payload, base64 */
  base64: string;
}

/** Encodings of input audio the session may use. */
export type InputEncoding = 'pcm16' | 'g711_ulaw' | 'g711_alaw';

function toChunk(payload: Uint8Array, startMs: number, endMs: number): AudioChunk {
  const base64 = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64');
  return { startMs, endMs, bytes: payload.byteLength, base64 };
}

/** The bytes of an Int16Array in little-endian order (the wire format), without copying when possible. */
function pcm16Bytes(pcm: Int16Array): Uint8Array {
  const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes;
  const swapped = new Uint8Array(bytes.length); // big-endian host: swap each sample's bytes
  for (let i = 0; i < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1];
    swapped[i + 1] = bytes[i];
  }
  return swapped;
}

function checkChunkMs(chunkMs: number): void {
  if (!(chunkMs > 0)) throw new RangeError(`chunkMs must be positive, got ${chunkMs}`);
}

/**
 * Cuts 16-bit PCM into chunks of `chunkMs`. Chunk boundaries are at sample
 * `round(k · sampleRate · chunkMs / 1000)`, so rates where a chunk is not a whole number of samples
 * (22050 Hz at 10 ms) alternate sizes by one sample without drifting.
 *
 * @returns chunks covering the audio exactly once, in order; empty for empty audio
 */
export function chunkAudio(pcm: Int16Array, sampleRate: number, chunkMs = 20): AudioChunk[] {
  checkChunkMs(chunkMs);
  const bytes = pcm16Bytes(pcm);
  const chunks: AudioChunk[] = [];
  const samplesPerChunk = (sampleRate * chunkMs) / 1000;
  for (let k = 0, start = 0; start < pcm.length; k++) {
    const end = Math.min(pcm.length, Math.round((k + 1) * samplesPerChunk));
    chunks.push(toChunk(bytes.subarray(start * 2, end * 2), (start * 1000) / sampleRate, (end * 1000) / sampleRate));
    start = end;
  }
  return chunks;
}

/**
 * Cuts a byte stream of one-byte samples (G.711 at 8 kHz: `bytesPerMs` = 8) into chunks of
 * `chunkMs`, with the same boundary rule as {@link chunkAudio}.
 */
export function chunkBytes(bytes: Uint8Array, bytesPerMs: number, chunkMs = 20): AudioChunk[] {
  checkChunkMs(chunkMs);
  const chunks: AudioChunk[] = [];
  const bytesPerChunk = bytesPerMs * chunkMs;
  for (let k = 0, start = 0; start < bytes.length; k++) {
    const end = Math.min(bytes.length, Math.round((k + 1) * bytesPerChunk));
    chunks.push(toChunk(bytes.subarray(start, end), start / bytesPerMs, end / bytesPerMs));
    start = end;
  }
  return chunks;
}

// Immutable, so sharing them is safe: the runner sends the same silence chunk thousands of times.
const silenceCache = new Map<string, AudioChunk>();

/**
 * A chunk of digital silence, `chunkMs` long (startMs 0), in the given encoding. Cached: the same
 * object is returned for the same arguments. For G.711 `sampleRate` is the codec rate (8000).
 */
export function silenceChunk(sampleRate: number, chunkMs = 20, encoding: InputEncoding = 'pcm16'): AudioChunk {
  checkChunkMs(chunkMs);
  const key = `${encoding}:${sampleRate}:${chunkMs}`;
  let chunk = silenceCache.get(key);
  if (!chunk) {
    const samples = Math.round((sampleRate * chunkMs) / 1000);
    let payload: Uint8Array;
    if (encoding === 'pcm16') payload = new Uint8Array(samples * 2);
    else payload = new Uint8Array(samples).fill(encoding === 'g711_ulaw' ? MULAW_SILENCE : ALAW_SILENCE);
    chunk = Object.freeze(toChunk(payload, 0, (samples * 1000) / sampleRate));
    silenceCache.set(key, chunk);
  }
  return chunk;
}
