import { describe, expect, it } from 'vitest';
import { concatPcm, StreamingVad, thresholdToDbfs, type VadEvent } from '../../src/audio/index.js';
import { bursts } from './helpers.js';

const RATE = 24000;

/** Pushes `pcm` in chunks and records each event with the stream position at which it came out. */
function run(vad: StreamingVad, pcm: Int16Array, chunkSamples = 480): Array<VadEvent & { emittedAtMs: number }> {
  const out: Array<VadEvent & { emittedAtMs: number }> = [];
  for (let i = 0; i < pcm.length; i += chunkSamples) {
    for (const event of vad.push(pcm.subarray(i, i + chunkSamples))) out.push({ ...event, emittedAtMs: vad.positionMs });
  }
  return out;
}

describe('thresholdToDbfs', () => {
  it('is −65 + 50·threshold dBFS, clamped to 0..1', () => {
    expect(thresholdToDbfs(0)).toBe(-65);
    expect(thresholdToDbfs(0.5)).toBe(-40);
    expect(thresholdToDbfs(1)).toBe(-15);
    expect(thresholdToDbfs(2)).toBe(-15);
    expect(thresholdToDbfs(-1)).toBe(-65);
  });
});

describe('StreamingVad on tone bursts with known on/off times', () => {
  // Truth: a 0.5-amplitude tone (−9 dBFS RMS) from 1000 to 2000 ms in 4 s of digital silence.
  const burst = bursts(RATE, 4000, [[1000, 2000]]);

  it('default params: onset 1000, audio_start 700; speech end 2000, audio_end 2500', () => {
    const events = run(new StreamingVad({ sampleRate: RATE }), burst);
    expect(events).toEqual([
      // Confirmed by the second speech frame (1010–1020), so it is known once 1020 ms are pushed.
      { type: 'speech_started', onsetMs: 1000, audioStartMs: 700, emittedAtMs: 1020 },
      // 500 ms of silence after the last speech frame is complete at 2500 ms.
      { type: 'speech_stopped', speechEndMs: 2000, audioEndMs: 2500, emittedAtMs: 2500 },
    ]);
  });

  it('events come out of the push that completes the deciding frame, whatever the push size', () => {
    const reference = run(new StreamingVad(), burst, 1).map(({ emittedAtMs, ...e }) => ({ ...e, at: Math.ceil(emittedAtMs / 10) * 10 }));
    for (const size of [7, 240, 480, 1000, 24000, burst.length]) {
      const events = run(new StreamingVad(), burst, size);
      expect(events.map(({ emittedAtMs, ...e }) => e)).toEqual(reference.map(({ at, ...e }) => e));
      // Never before the deciding audio, and no later than the end of the push that held it.
      events.forEach((e, i) => {
        expect(e.emittedAtMs).toBeGreaterThanOrEqual(reference[i].at);
        expect(e.emittedAtMs - reference[i].at).toBeLessThan((size * 1000) / RATE + 1e-9);
      });
    }
  });

  it('off-grid edges: onset at the start of the 10 ms frame that holds the true onset', () => {
    // Truth: 1003–1997 ms. The frame 1000–1010 is 70 % tone, well above threshold.
    const events = run(new StreamingVad(), bursts(RATE, 4000, [[1003, 1997]]));
    expect(events[0]).toMatchObject({ type: 'speech_started', onsetMs: 1000 });
    expect(events[1]).toMatchObject({ type: 'speech_stopped', speechEndMs: 2000, audioEndMs: 2500 });
  });

  it('silenceDurationMs moves audio_end_ms and the moment of the decision', () => {
    for (const silenceDurationMs of [200, 350, 800]) {
      // 10 ms pushes, so the emission time is the decision time itself.
      const [, stopped] = run(new StreamingVad({ silenceDurationMs }), burst, 240);
      expect(stopped).toEqual({
        type: 'speech_stopped',
        speechEndMs: 2000,
        audioEndMs: 2000 + silenceDurationMs,
        emittedAtMs: 2000 + Math.ceil(silenceDurationMs / 10) * 10,
      });
    }
  });

  it('prefixPaddingMs sets audio_start_ms = onset − padding, clamped at 0', () => {
    expect(run(new StreamingVad({ prefixPaddingMs: 100 }), burst)[0]).toMatchObject({ audioStartMs: 900 });
    const early = bursts(RATE, 2000, [[120, 800]]);
    expect(run(new StreamingVad({ prefixPaddingMs: 300 }), early)[0]).toMatchObject({ onsetMs: 120, audioStartMs: 0 });
  });

  it('a pause shorter than silenceDurationMs keeps one turn; a longer one ends it', () => {
    const short = run(
      new StreamingVad(),
      bursts(RATE, 4000, [
        [500, 1000],
        [1400, 1900],
      ]),
    );
    expect(short.map((e) => e.type)).toEqual(['speech_started', 'speech_stopped']);
    expect(short[1]).toMatchObject({ speechEndMs: 1900 });
    const long = run(
      new StreamingVad(),
      bursts(RATE, 4000, [
        [500, 1000],
        [1600, 2100],
      ]),
    );
    expect(long.map((e) => ('onsetMs' in e ? e.onsetMs : e.speechEndMs))).toEqual([500, 1000, 1600, 2100]);
  });
});

describe('StreamingVad threshold', () => {
  // A 0.005-amplitude tone is −49 dBFS RMS: below −40 (threshold 0.5), above −55 (threshold 0.2).
  const quiet = bursts(RATE, 3000, [[1000, 2000]], 0.005);

  it('a burst below the threshold level produces no event', () => {
    expect(run(new StreamingVad({ threshold: 0.5 }), quiet)).toEqual([]);
  });

  it('the same burst is detected with a lower threshold', () => {
    expect(run(new StreamingVad({ threshold: 0.2 }), quiet).map((e) => e.type)).toEqual(['speech_started', 'speech_stopped']);
  });

  it('a loud burst is ignored by a threshold above its level (0.9 ↦ −20 dBFS > −29 dBFS)', () => {
    expect(run(new StreamingVad({ threshold: 0.9 }), bursts(RATE, 3000, [[1000, 2000]], 0.05))).toEqual([]);
  });
});

describe('StreamingVad click rejection (2 of 3 frames)', () => {
  it('a single 10 ms click starts nothing', () => {
    expect(run(new StreamingVad(), bursts(RATE, 2000, [[1000, 1010]]))).toEqual([]);
  });
  it('two speech frames out of three start speech at the first one', () => {
    const pcm = concatPcm(bursts(RATE, 1010, [[1000, 1010]]), new Int16Array(240), bursts(RATE, 1000, [[0, 10]]));
    expect(run(new StreamingVad(), pcm)[0]).toMatchObject({ type: 'speech_started', onsetMs: 1000, emittedAtMs: 1040 });
  });
});

describe('StreamingVad timeline', () => {
  it('positionMs counts every pushed sample, including a partial frame', () => {
    const vad = new StreamingVad();
    vad.push(new Int16Array(100));
    expect(vad.positionMs).toBeCloseTo(100 / 24, 9);
    vad.push(new Int16Array(380));
    expect(vad.positionMs).toBe(20);
  });

  it('reset(atMs) clears state and restarts positions at atMs', () => {
    const vad = new StreamingVad();
    run(vad, bursts(RATE, 1500, [[1000, 1500]])); // speaking at the end
    expect(vad.state).toBe('speech');
    vad.reset(5000);
    expect(vad.state).toBe('silence');
    expect(vad.positionMs).toBe(5000);
    const events = run(vad, bursts(RATE, 2000, [[200, 800]]));
    expect(events[0]).toMatchObject({ onsetMs: 5200, audioStartMs: 4900 });
    expect(events[1]).toMatchObject({ speechEndMs: 5800, audioEndMs: 6300 });
    vad.reset();
    expect(vad.positionMs).toBe(0);
  });

  it('works at 8 kHz (G.711 sessions): same positions', () => {
    const events = run(new StreamingVad({ sampleRate: 8000 }), bursts(8000, 4000, [[1000, 2000]]), 160);
    expect(events.map(({ emittedAtMs, ...e }) => e)).toEqual([
      { type: 'speech_started', onsetMs: 1000, audioStartMs: 700 },
      { type: 'speech_stopped', speechEndMs: 2000, audioEndMs: 2500 },
    ]);
  });

  it('updateParams: a new sample rate continues the same timeline', () => {
    const vad = new StreamingVad();
    vad.push(new Int16Array(24000)); // 1000 ms at 24 kHz
    vad.updateParams({ sampleRate: 8000 });
    expect(vad.positionMs).toBe(1000);
    const events = run(vad, bursts(8000, 2000, [[500, 1000]]), 160);
    expect(events[0]).toMatchObject({ onsetMs: 1500 });
    expect(events[1]).toMatchObject({ speechEndMs: 2000 });
  });

  it('updateParams: a new silenceDurationMs applies to the turn in progress', () => {
    const vad = new StreamingVad();
    const pcm = bursts(RATE, 4000, [[1000, 2000]]);
    const events = run(vad, pcm.subarray(0, 24 * 1500));
    expect(events.map((e) => e.type)).toEqual(['speech_started']);
    vad.updateParams({ silenceDurationMs: 200 });
    expect(run(vad, pcm.subarray(24 * 1500))[0]).toMatchObject({ speechEndMs: 2000, audioEndMs: 2200, emittedAtMs: 2200 });
  });

  it('is deterministic: the same audio gives the same events', () => {
    const pcm = bursts(RATE, 6000, [
      [300, 900],
      [1200, 1250],
      [2000, 3500],
      [4100, 4150],
    ]);
    expect(run(new StreamingVad(), pcm)).toEqual(run(new StreamingVad(), pcm));
  });
});
