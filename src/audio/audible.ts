import { decodeAlaw, decodeMulaw } from './g711.js';

/**
 * The level above which a sample of the assistant's audio counts as audible: a PCM16 peak of 64
 * (−54 dBFS). Opus's idle noise on a silent WebRTC track peaks at about 10, and digital silence is 0,
 * so the first sample at or above it is the first sound — measured the same way on a WebSocket
 * client's player (the deltas' samples) and on a WebRTC track (the decoded frames).
 */
export const AUDIBLE_PEAK = 64;

/** Index of the first sample whose magnitude reaches `level`, or −1. */
export function firstAudibleIndex(samples: Int16Array, level = AUDIBLE_PEAK): number {
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i];
    if (x >= level || x <= -level) return i;
  }
  return -1;
}

/** PCM16 samples of output audio as sent on the wire (base64 of PCM16 LE, µ-law or A-law bytes). */
export function samplesOfBase64(base64: string, format: 'pcm16' | 'g711_ulaw' | 'g711_alaw'): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  if (format === 'g711_ulaw') return decodeMulaw(bytes);
  if (format === 'g711_alaw') return decodeAlaw(bytes);
  const aligned = new Uint8Array(bytes.byteLength - (bytes.byteLength % 2));
  aligned.set(bytes.subarray(0, aligned.byteLength));
  return new Int16Array(aligned.buffer, 0, aligned.byteLength / 2);
}
