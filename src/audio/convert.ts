/**
 * From decoded WAV to the session's input format: mono 16-bit PCM at the target rate.
 */
import { resample } from './resample.js';
import type { DecodedAudio } from './wav.js';

/** Averages the channels into one (a plain mean: no channel is favoured, clipping is impossible). */
export function downmix(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) return new Float32Array(0);
  if (channels.length === 1) return channels[0];
  const length = channels[0].length;
  const out = new Float32Array(length);
  for (const channel of channels) {
    for (let i = 0; i < length; i++) out[i] += channel[i];
  }
  const scale = 1 / channels.length;
  for (let i = 0; i < length; i++) out[i] *= scale;
  return out;
}

/**
 * Float [-1, 1) → int16 with rounding and clipping. Scaling by 32768 makes int16 → float → int16
 * (as decodeWav then this) an exact identity.
 */
export function floatToPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round(samples[i] * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

/**
 * Downmixes (channel mean), resamples (band-limited, see resample.ts; skipped when the rate already
 * matches) and converts to clipped 16-bit PCM.
 *
 * @param decoded output of decodeWav
 * @param targetRate the session's input rate: 24000 for pcm16, 8000 before G.711 encoding
 */
export function toMonoPcm16(decoded: DecodedAudio, targetRate = 24000): Int16Array {
  const mono = downmix(decoded.channels);
  return floatToPcm16(resample(mono, decoded.sampleRate, targetRate));
}
