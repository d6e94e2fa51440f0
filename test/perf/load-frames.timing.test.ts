import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/index.js';
import { fetchMockFramesReceived, mockStatsUrl } from '../../src/runner/mock-stats.js';
import { quietRun } from './helpers.js';

/**
 * Truth: the mock counts every client frame it receives (MockRealtime.stats()); the harness's trace
 * has one record per frame it sent. Over TCP on loopback nothing may go missing, whatever the pacing.
 * Behaviour only: no timing is asserted here (the bench measures timings).
 */
describe('load mode loses no frame', () => {
  it('50 concurrent full-duplex sessions: the mock counts exactly what the harness sent', async () => {
    const { results } = await quietRun({
      audio: ['fixtures/what-time.wav'],
      repeat: 50,
      concurrency: 50,
      rampMs: 1000,
      mock: { firstAudioMs: 300, jitterMs: 0 },
    });
    const load = results.load!;
    expect(load).toBeDefined();
    expect(load.sessions).toBe(50);
    expect(load.failed_sessions).toBe(0);
    expect(results.samples.every((s) => s.ok)).toBe(true);
    // Full duplex: every turn got its answer back.
    expect(results.samples.every((s) => (s.metrics.response_audio_ms as number) > 0)).toBe(true);
    expect(load.frames.sent).toBeGreaterThan(50 * 100);
    expect(load.frames.received_by_mock).toBe(load.frames.sent);
    expect(load.frames.lost).toBe(0);
    expect(load.pacing.chunks).toBe(results.pacing.chunks);
    expect(load.peak_sessions).toBeGreaterThan(1);
    expect(load.cpu?.pct).toBeGreaterThan(0);
    expect(load.rss?.peak_mb).toBeGreaterThanOrEqual(load.rss!.start_mb);
  });

  it('against an already-running mock (mockUrl): counts come from its GET /stats', async () => {
    const server = await startMockServer({ firstAudioMs: 300, jitterMs: 0 });
    try {
      expect(mockStatsUrl(server.url)).toBe(`http://127.0.0.1:${server.port}/stats`);
      const before = await fetchMockFramesReceived(server.url);
      expect(before).toBe(0);
      const { results } = await quietRun({ audio: ['fixtures/what-time.wav'], repeat: 10, concurrency: 10, rampMs: 200, mockUrl: server.url });
      const load = results.load!;
      expect(load.failed_sessions).toBe(0);
      expect(load.frames.received_by_mock).toBe(load.frames.sent);
      expect(load.frames.lost).toBe(0);
      expect(await fetchMockFramesReceived(server.url)).toBe(server.stats().framesReceived);
    } finally {
      await server.close();
    }
  });

  it('a target nobody counts reports lost frames as unknown, not zero', async () => {
    expect(await fetchMockFramesReceived('ws://127.0.0.1:9/v1/realtime', 500)).toBeNull();
  });
});
