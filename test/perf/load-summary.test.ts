import { describe, expect, it } from 'vitest';
import { LoadCollector, peakOverlap, sessionLoadFacts } from '../../src/metrics/load.js';
import type { TraceRecord } from '../../src/metrics/trace.js';
import { nextProbe } from '../../bench/load.js';

/** A session trace: meta at `start`, then chunks every 20 ms with the given lags. */
function trace(id: string, start: number, lags: number[], buffered: number[] = []): TraceRecord[] {
  const out: TraceRecord[] = [
    {
      k: 'meta',
      s: id,
      t: start,
      scenario: 'x',
      target: 'mock',
      model: 'm',
      dialect: 'ga',
      url: '',
      input_format: 'pcm16',
      output_format: 'pcm16',
      chunk_ms: 20,
      session: {},
    },
  ];
  out.push({ k: 'send', s: id, t: start + 1, type: 'session.update', event: {} });
  lags.forEach((lag, i) => {
    const due = start + 20 * (i + 1);
    out.push({ k: 'chunk', s: id, t: due + lag, seq: i, pos_ms: 20 * i, end_ms: 20 * (i + 1), due, bytes: 960, turn: -1, buffered: buffered[i] ?? 0 });
  });
  return out;
}

describe('load summary (pure: computed from traces)', () => {
  it('counts frames, audio, drift, backpressure and lost frames against the mock’s count', () => {
    const c = new LoadCollector();
    c.addSession(trace('a', 0, [1, 2, 3, 4], [0, 100, 0, 0]), null);
    c.addSession(trace('b', 10, [0, 0, 0, -1]), null);
    const s = c.summary({ concurrency: 2, rampMs: 10, resources: null, mockFramesReceived: 9 });
    expect(s.sessions).toBe(2);
    expect(s.frames).toEqual({ sent: 10, received_by_mock: 9, lost: 1 });
    expect(s.audio_sent_s).toBe(0.16);
    expect(s.pacing.chunks).toBe(8);
    expect(s.pacing.lag_max_ms).toBe(4);
    expect(s.pacing.drift_max_ms).toBe(3); // session a: 4 − 1
    expect(s.backpressure).toEqual({ max_buffered_bytes: 100, sends_buffered: 1, sends_buffered_pct: 12.5 });
    expect(s.peak_sessions).toBe(2);
    expect(s.cpu).toBeNull();
    expect(s.event_loop_delay).toBeNull();
  });

  it('unknown mock count → lost is null', () => {
    const c = new LoadCollector();
    c.addSession(trace('a', 0, [0]), 'connect failed');
    const s = c.summary({ concurrency: 1, rampMs: 0, resources: null, mockFramesReceived: null });
    expect(s.frames.lost).toBeNull();
    expect(s.failed_sessions).toBe(1);
  });

  it('sessionLoadFacts reads one trace', () => {
    const f = sessionLoadFacts(trace('a', 5, [0.5, 1.5]), null);
    expect(f).toMatchObject({ framesSent: 3, chunks: 2, audioMs: 40, startT: 5, endT: 46.5, failed: false });
    expect(f.lagsMs).toEqual([0.5, 1.5]);
  });

  it('peakOverlap: touching intervals do not overlap', () => {
    expect(
      peakOverlap([
        [0, 10],
        [10, 20],
        [5, 15],
      ]),
    ).toBe(2);
    expect(peakOverlap([])).toBe(0);
  });
});

describe('bench: the search for the largest N that holds', () => {
  const r = (sessions: number, holds: boolean) => ({ sessions, holds });
  it('doubles while everything holds, up to the ceiling', () => {
    expect(nextProbe([r(1, true), r(400, true)], { step: 25, ceiling: 1600 })).toBe(800);
    expect(nextProbe([r(1, true), r(1600, true)], { step: 25, ceiling: 1600 })).toBeNull();
  });
  it('bisects between the largest that held and the smallest above it that did not', () => {
    expect(nextProbe([r(200, true), r(400, false)], { step: 25, ceiling: 1600 })).toBe(300);
    expect(nextProbe([r(200, true), r(300, false), r(250, true)], { step: 25, ceiling: 1600 })).toBe(275);
    expect(nextProbe([r(200, true), r(225, false)], { step: 25, ceiling: 1600 })).toBeNull();
  });
  it('starts from zero when nothing held', () => {
    expect(nextProbe([r(1, false)], { step: 25, ceiling: 1600 })).toBeNull();
    expect(nextProbe([r(50, false)], { step: 25, ceiling: 1600 })).toBe(25);
  });
});
