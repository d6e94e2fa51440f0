/**
 * The annotator on real human speech: the alsa-utils channel-test recordings ("Front Center", …;
 * 48 kHz mono, from Debian's alsa-utils, not committed here). Each is padded with 500 ms of digital
 * silence both sides (a user turn), and the truth is what the annotator finds on that clean
 * recording. Noise is then mixed in at 20 and 10 dB SNR (speech power over the true segments), and
 * the boundaries found in noise are compared with the truth.
 *
 * Measured with the default parameters (8 recordings × white, pink, room noise, alsa Noise.wav ×
 * 3 seeds = 96 cases per SNR):
 *   20 dB: onset +40 ms mean (−2…+104), end −82 ms mean (−263…−40); |error| median 60, p90 100
 *   10 dB: onset +56 ms mean (+8…+114), end −231 ms mean (−370…−60); |error| median 104, p90 300
 * Errors only ever shorten the speech: weak initial fricatives and word-final unvoiced consonants
 * ("left", "right") sink under the noise. Speech is never found in the noise itself.
 * The bounds below are those measurements plus a margin.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { concatPcm, detectSpeech, loadAudio, mixNoise, silence, type Segment } from '../../src/audio/index.js';

const ALSA_DIR = '/usr/share/sounds/alsa';
const RATE = 24000;
const recordings = existsSync(ALSA_DIR)
  ? readdirSync(ALSA_DIR)
      .filter((f) => f.endsWith('.wav') && f !== 'Noise.wav')
      .sort()
  : [];
const skipReason = `${ALSA_DIR} not found (install alsa-utils to run the real-recording annotator tests)`;
if (recordings.length === 0) console.warn(`skipping detect-real: ${skipReason}`);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function paddedRecording(name: string): Promise<Int16Array> {
  const { pcm } = await loadAudio(join(ALSA_DIR, name), { cacheDir: false });
  return concatPcm(silence(500, RATE), pcm, silence(500, RATE));
}

describe.skipIf(recordings.length === 0)('detectSpeech on real recordings (alsa-utils)', () => {
  it('clean recordings: 1–2 segments spanning the words (files are trimmed to the speech)', async () => {
    for (const name of recordings) {
      const { pcm, durationMs } = await loadAudio(join(ALSA_DIR, name), { cacheDir: false });
      const found = detectSpeech(pcm, RATE);
      expect(found.length, name).toBeGreaterThanOrEqual(1);
      expect(found.length, name).toBeLessThanOrEqual(2);
      expect(found[0].start_ms, name).toBeLessThanOrEqual(40);
      expect(durationMs - found.at(-1)!.end_ms, name).toBeLessThanOrEqual(160);
      // Padding with digital silence lowers the floor estimate (more silent frames) but must not
      // move the words: first onset and last end stay within 40 ms, shifted by the 500 ms pad.
      const padded = detectSpeech(await paddedRecording(name), RATE);
      expect(Math.abs(padded[0].start_ms - 500 - found[0].start_ms), name).toBeLessThanOrEqual(40);
      expect(Math.abs(padded.at(-1)!.end_ms - 500 - found.at(-1)!.end_ms), name).toBeLessThanOrEqual(40);
    }
  });

  const bounds = {
    20: { onset: [-10, 130], end: [-320, 10], medianAbs: 75, p90Abs: 130 },
    10: { onset: [-10, 150], end: [-420, 10], medianAbs: 130, p90Abs: 340 },
  } as const;

  for (const snr of [20, 10] as const) {
    it(`${snr} dB SNR (white, pink, room noise): boundary error within the measured bounds`, async () => {
      const room = (await loadAudio('fixtures/noise-room.wav', { cacheDir: false })).pcm;
      const errors: number[] = [];
      for (const name of recordings) {
        const clean = await paddedRecording(name);
        const truth: Segment[] = detectSpeech(clean, RATE);
        for (const noise of ['white', 'pink', room] as const) {
          for (const seed of [1, 2, 3]) {
            const found = detectSpeech(mixNoise(clean, noise, snr, seed, { segments: truth, sampleRate: RATE }), RATE);
            const label = `${name} ${typeof noise === 'string' ? noise : 'room'} seed ${seed}`;
            expect(found.length, label).toBeGreaterThanOrEqual(1);
            const onset = found[0].start_ms - truth[0].start_ms;
            const end = found.at(-1)!.end_ms - truth.at(-1)!.end_ms;
            expect(onset, label).toBeGreaterThanOrEqual(bounds[snr].onset[0]);
            expect(onset, label).toBeLessThanOrEqual(bounds[snr].onset[1]);
            expect(end, label).toBeGreaterThanOrEqual(bounds[snr].end[0]);
            expect(end, label).toBeLessThanOrEqual(bounds[snr].end[1]);
            errors.push(Math.abs(onset), Math.abs(end));
          }
        }
      }
      expect(quantile(errors, 0.5)).toBeLessThanOrEqual(bounds[snr].medianAbs);
      expect(quantile(errors, 0.9)).toBeLessThanOrEqual(bounds[snr].p90Abs);
    });
  }
});
