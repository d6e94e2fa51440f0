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

const DELTA_KEY = Buffer.from('"delta":"', 'latin1');
/** Base64 characters decoded per step while looking for the first sound (480 bytes: 10 ms of PCM16 24 kHz). */
const SCAN_CHARS = 640;

/**
 * Index of the first audible sample in an audio delta frame's base64 payload (−1 when the delta is
 * quiet throughout, null when the frame has no payload), decoding it a piece at a time: the first
 * piece of a delta of speech usually holds it, so a delta costs about 10 ms of decoding.
 */
export function firstAudibleSampleOfFrame(frame: Buffer, format: 'pcm16' | 'g711_ulaw' | 'g711_alaw', level = AUDIBLE_PEAK): number | null {
  const key = frame.indexOf(DELTA_KEY);
  if (key < 0) return null;
  const start = key + DELTA_KEY.length;
  const end = frame.indexOf(0x22, start);
  if (end <= start) return null;
  const bytesPerSample = format === 'pcm16' ? 2 : 1;
  let samplesBefore = 0;
  for (let at = start; at < end; at += SCAN_CHARS) {
    const b64 = frame.toString('latin1', at, Math.min(end, at + SCAN_CHARS));
    const i = firstAudibleIndex(samplesOfBase64(b64, format), level);
    if (i >= 0) return samplesBefore + i;
    samplesBefore += Math.floor((b64.length * 3) / 4 / bytesPerSample);
  }
  return -1;
}
