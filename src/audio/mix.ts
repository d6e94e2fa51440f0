/**
 * Building test audio: silence, concatenation, and speech with noise at a chosen SNR.
 */
import { detectSpeech, type Segment } from './detect.js';
import { meanSquare } from './energy.js';
import { SeededRandom } from '../util/prng.js';

/** `ms` of digital silence at `sampleRate`. */
export function silence(ms: number, sampleRate: number): Int16Array {
  return new Int16Array(Math.round((ms * sampleRate) / 1000));
}

/** Concatenates PCM parts in order into a new array. */
export function concatPcm(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function whiteNoise(length: number, random: SeededRandom): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = random.nextSigned();
  return out;
}

/**
 * Pink (1/f) noise by the Voss–McCartney method: 16 white sources, source k re-drawn every 2^k
 * samples, summed. Each octave then carries equal power, the 1/f shape, to within ≈ ±1.5 dB.
 */
function pinkNoise(length: number, random: SeededRandom): Float32Array {
  const rows = 16;
  const values = new Float64Array(rows);
  let sum = 0;
  for (let k = 0; k < rows; k++) {
    values[k] = random.nextSigned();
    sum += values[k];
  }
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    // The row to update is the number of trailing zeros of the counter, so row k changes every 2^k.
    const counter = i + 1;
    const k = Math.min(rows - 1, 31 - Math.clz32(counter & -counter));
    const fresh = random.nextSigned();
    sum += fresh - values[k];
    values[k] = fresh;
    // Recompute the running sum exactly now and then so float drift cannot build up.
    if ((i & 4095) === 0) sum = values.reduce((a, b) => a + b, 0);
    out[i] = sum + random.nextSigned(); // plus one always-fresh source for the top octave
  }
  return out;
}

/** Options of {@link mixNoise}. */
export interface MixNoiseOptions {
  /** speech segments that define the speech power; default: detected with detectSpeech */
  segments?: Segment[];
  /** sample rate of `speech`, to read `segments` and detect speech; default 24000 */
  sampleRate?: number;
}

/** Mean power of the samples inside the segments (whole signal when there are none). */
function speechPower(speech: Int16Array, segments: Segment[], sampleRate: number): number {
  let sum = 0;
  let count = 0;
  for (const { start_ms, end_ms } of segments) {
    const from = Math.max(0, Math.round((start_ms * sampleRate) / 1000));
    const to = Math.min(speech.length, Math.round((end_ms * sampleRate) / 1000));
    if (to <= from) continue;
    sum += meanSquare(speech, from, to - from) * (to - from);
    count += to - from;
  }
  return count > 0 ? sum / count : meanSquare(speech);
}

/**
 * Adds noise to speech so that (mean power inside the speech segments) / (mean noise power) equals
 * `snrDb`. Measuring speech over its segments only keeps the SNR independent of how much silence
 * surrounds the utterance.
 *
 * @param noise recorded noise (looped when shorter, starting at a seed-chosen offset) or a
 *   generated `'white'` / `'pink'` noise from the seed
 * @param seed same seed → same output
 * @returns new PCM of the speech's length, clipped to int16
 */
export function mixNoise(speech: Int16Array, noise: Int16Array | 'white' | 'pink', snrDb: number, seed: number, options: MixNoiseOptions = {}): Int16Array {
  const sampleRate = options.sampleRate ?? 24000;
  const random = new SeededRandom(seed);
  let bed: Float32Array;
  // Generated noise is in arbitrary units; only its power matters, as the gain sets the level.
  if (noise === 'white') bed = whiteNoise(speech.length, random);
  else if (noise === 'pink') bed = pinkNoise(speech.length, random);
  else {
    if (noise.length === 0) throw new RangeError('noise must not be empty');
    bed = new Float32Array(speech.length);
    const offset = Math.floor(random.next() * noise.length);
    for (let i = 0; i < bed.length; i++) bed[i] = noise[(offset + i) % noise.length];
  }

  // Power of the noise actually added (the looped/offset excerpt), in the units of meanSquare.
  let noiseSum = 0;
  for (let i = 0; i < bed.length; i++) noiseSum += bed[i] * bed[i];
  const noisePower = bed.length ? noiseSum / bed.length / (32768 * 32768) : 0;
  const segments = options.segments ?? detectSpeech(speech, sampleRate);
  const targetNoisePower = speechPower(speech, segments, sampleRate) / 10 ** (snrDb / 10);
  const gain = noisePower > 0 ? Math.sqrt(targetNoisePower / noisePower) : 0;

  const out = new Int16Array(speech.length);
  for (let i = 0; i < speech.length; i++) {
    const v = Math.round(speech[i] + gain * bed[i]);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}
