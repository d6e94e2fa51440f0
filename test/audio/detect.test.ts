import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { concatPcm, detectSpeech, loadAudio, mixNoise, readAnnotation, silence, StreamingVad, type VadEvent } from '../../src/audio/index.js';
import { bursts } from './helpers.js';

const RATE = 24000;

describe('detectSpeech on synthetic tone bursts (exact truth)', () => {
  it('finds on-grid bursts to the millisecond', () => {
    const pcm = bursts(RATE, 4000, [
      [500, 1200],
      [2000, 2600],
    ]);
    expect(detectSpeech(pcm, RATE)).toEqual([
      { start_ms: 500, end_ms: 1200 },
      { start_ms: 2000, end_ms: 2600 },
    ]);
  });

  it('finds off-grid bursts within 1 ms (1 ms boundary refinement)', () => {
    const truth = [
      [433.3, 1207.7],
      [1999.1, 2871.4],
    ] as const;
    const found = detectSpeech(
      bursts(
        RATE,
        4000,
        truth.map(([a, b]) => [a, b]),
      ),
      RATE,
    );
    expect(found).toHaveLength(2);
    found.forEach((segment, i) => {
      expect(Math.abs(segment.start_ms - truth[i][0])).toBeLessThanOrEqual(1);
      expect(Math.abs(segment.end_ms - truth[i][1])).toBeLessThanOrEqual(1);
    });
  });

  it('merges bursts separated by less than mergeGapMs (300), keeps longer gaps', () => {
    expect(
      detectSpeech(
        bursts(RATE, 3000, [
          [500, 1000],
          [1250, 1700],
        ]),
        RATE,
      ),
    ).toEqual([{ start_ms: 500, end_ms: 1700 }]);
    expect(
      detectSpeech(
        bursts(RATE, 3000, [
          [500, 1000],
          [1350, 1700],
        ]),
        RATE,
      ),
    ).toHaveLength(2);
    expect(
      detectSpeech(
        bursts(RATE, 3000, [
          [500, 1000],
          [1350, 1700],
        ]),
        RATE,
        { mergeGapMs: 400 },
      ),
    ).toHaveLength(1);
  });

  it('drops segments shorter than minSegmentMs (80): clicks are not speech', () => {
    expect(detectSpeech(bursts(RATE, 3000, [[500, 560]]), RATE)).toEqual([]);
    expect(detectSpeech(bursts(RATE, 3000, [[500, 600]]), RATE)).toEqual([{ start_ms: 500, end_ms: 600 }]);
  });

  it('finds nothing in digital silence, in noise alone, or below the absolute floor', () => {
    expect(detectSpeech(new Int16Array(RATE * 2), RATE)).toEqual([]);
    // Noise alone at a loud-room level (≈ −29 dBFS, set relative to a reference tone).
    const reference = bursts(RATE, 3000, [[0, 3000]], 0.05);
    const whole = [{ start_ms: 0, end_ms: 3000 }];
    for (const kind of ['white', 'pink'] as const) {
      const mixed = mixNoise(reference, kind, 0, 7, { segments: whole });
      const noiseOnly = Int16Array.from(mixed, (v, i) => v - reference[i]);
      expect(detectSpeech(noiseOnly, RATE), kind).toEqual([]);
    }
    // A −75 dBFS tone in digital silence is below the −50 dBFS absolute floor.
    expect(detectSpeech(bursts(RATE, 3000, [[500, 2000]], 0.00025), RATE)).toEqual([]);
  });

  it('bursts in pink noise at 10 dB SNR: edges within one 10 ms frame, nothing in the noise', () => {
    const clean = bursts(
      RATE,
      4000,
      [
        [800, 1600],
        [2400, 3000],
      ],
      0.3,
      700,
    );
    const truth = detectSpeech(clean, RATE);
    for (const seed of [1, 2, 3]) {
      const found = detectSpeech(mixNoise(clean, 'pink', 10, seed, { segments: truth }), RATE);
      expect(found).toHaveLength(2);
      found.forEach((s, i) => {
        expect(Math.abs(s.start_ms - truth[i].start_ms)).toBeLessThanOrEqual(10);
        expect(Math.abs(s.end_ms - truth[i].end_ms)).toBeLessThanOrEqual(10);
      });
    }
  });
});

describe('detectSpeech agrees with StreamingVad on the espeak-ng fixtures (clean synthetic speech)', () => {
  const fixtures = readdirSync('fixtures').filter((f) => f.endsWith('.wav') && f !== 'noise-room.wav');

  function vadTurn(pcm: Int16Array): { onsetMs: number; speechEndMs: number } {
    const vad = new StreamingVad({ sampleRate: RATE });
    const events: VadEvent[] = [];
    const padded = concatPcm(pcm, silence(1000, RATE)); // let the last turn end
    for (let i = 0; i < padded.length; i += 480) events.push(...vad.push(padded.subarray(i, i + 480)));
    const started = events.find((e) => e.type === 'speech_started');
    const stopped = events.filter((e) => e.type === 'speech_stopped').at(-1);
    if (started?.type !== 'speech_started' || stopped?.type !== 'speech_stopped') throw new Error('no VAD turn');
    return { onsetMs: started.onsetMs, speechEndMs: stopped.speechEndMs };
  }

  for (const name of fixtures) {
    it(`${name}: annotator onset/end within 20 ms of the VAD's onset/speech end, and the committed sidecar is current`, async () => {
      const wav = join('fixtures', name);
      const audio = await loadAudio(wav, { cacheDir: false });
      const segments = detectSpeech(audio.pcm, RATE);
      const turn = vadTurn(audio.pcm);
      expect(Math.abs(segments[0].start_ms - turn.onsetMs)).toBeLessThanOrEqual(20);
      expect(Math.abs(segments.at(-1)!.end_ms - turn.speechEndMs)).toBeLessThanOrEqual(20);
      // The fixtures were made with ≈ 450 ms of leading and 300 ms of trailing digital silence.
      expect(segments[0].start_ms).toBeGreaterThanOrEqual(440);
      expect(segments[0].start_ms).toBeLessThanOrEqual(460);
      expect(audio.durationMs - segments.at(-1)!.end_ms).toBeGreaterThanOrEqual(290);
      expect(audio.durationMs - segments.at(-1)!.end_ms).toBeLessThanOrEqual(310);
      const sidecar = await readAnnotation(wav);
      expect(sidecar?.sha256).toBe(audio.sha256);
      expect(sidecar?.speech).toEqual(segments);
    });
  }
});
