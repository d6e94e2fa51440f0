import { describe, expect, it } from 'vitest';
import { loadLine } from '../../src/report/table.js';
import type { LoadSummary } from '../../src/report/types.js';

describe('table: load line', () => {
  it('summarizes a load run (truth: the fields given)', () => {
    const load = {
      sessions: 50,
      failed_sessions: 0,
      concurrency: 50,
      ramp_ms: 2000,
      peak_sessions: 50,
      wall_ms: 12000,
      throughput: { sessions_per_s: 4.2, audio_s_per_s: 41.7, frames_per_s: 2100 },
      audio_sent_s: 500,
      pacing: {
        chunks: 25000,
        lag_p50_ms: 0.1,
        lag_p99_ms: 1.8,
        lag_max_ms: 7.6,
        session_lag_p99_p50_ms: 1.5,
        session_lag_p99_max_ms: 2.9,
        drift_p50_ms: 0.2,
        drift_max_ms: 2.3,
      },
      event_loop_delay: null,
      cpu: { user_ms: 1, system_ms: 1, pct: 14, pct_per_session: 0.28 },
      rss: { start_mb: 100, peak_mb: 214, end_mb: 150, mb_per_session: 0.85 },
      frames: { sent: 25100, received_by_mock: 25100, lost: 0 },
    } as unknown as LoadSummary;
    expect(loadLine(load)).toBe(
      'load 50 sessions (peak 50 open) · 41.7 audio-s/s · session lag p99 median 1.5 / worst 2.9 ms · drift max 2.3 ms · CPU 14 % · RSS peak 214 MB · frames lost 0',
    );
    expect(loadLine({ ...load, frames: { sent: 1, received_by_mock: null, lost: null } })).toContain('frames lost — (not the mock)');
  });
});
