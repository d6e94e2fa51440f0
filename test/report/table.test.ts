import { describe, expect, it } from 'vitest';
import { shouldColor } from '../../src/report/reporter.js';
import { renderTable } from '../../src/report/table.js';
import { assessQuality, EVENT_LOOP_DELAY_P99_LIMIT_MS, PACING_LAG_P99_LIMIT_MS } from '../../src/report/quality.js';
import { makeRun, TRICKY_SCENARIO } from './fixtures.js';

const ANSI = /\u001b\[/;

describe('renderTable', () => {
  const run = makeRun();

  it('prints one row per scenario × cell with counts, latencies and expectations', () => {
    const out = renderTable(run, false);
    expect(out).not.toMatch(ANSI);
    const header = out.split('\n').find((l) => l.includes('scenario'))!;
    for (const h of ['n', 'ok', 'failed', 'first audio p50', 'p95', 'VAD stop p50', 'barge-in p50', 'talk-over p50', 'expectations'])
      expect(header).toContain(h);
    expect(header).not.toContain('tool call');
    const rows = out.split('\n').filter((l) => l.includes('mock gpt-realtime'));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain(TRICKY_SCENARIO);
    expect(rows[0]).toMatch(/│ +21 │ +20 │ +1 │/);
    expect(rows[0]).toContain('1/1 failed');
    expect(out).toContain('pacing 48210 chunks, lag p50 0.4 ms · p99 1.9 ms · max 7.8 ms; event-loop delay p99 3.2 ms');
    expect(out).not.toContain('measurement quality');
  });

  it('colours only when asked', () => {
    expect(renderTable(run, true)).toMatch(ANSI);
  });

  it('warns when pacing or the event loop exceed the documented limits', () => {
    const bad = makeRun();
    bad.pacing.lag_p99_ms = PACING_LAG_P99_LIMIT_MS + 0.5;
    bad.run.event_loop_delay_p99_ms = EVENT_LOOP_DELAY_P99_LIMIT_MS + 1;
    const out = renderTable(bad, false);
    expect(out).toContain('⚠ measurement quality: pacing lag p99 is 5.5 ms (limit 5 ms)');
    expect(out).toContain('⚠ measurement quality: event-loop delay p99 is 21.0 ms (limit 20 ms)');
    expect(assessQuality(bad).poor).toBe(true);
    expect(assessQuality(run).poor).toBe(false);
  });

  it('cannot be driven by escape sequences in names', () => {
    const evil = makeRun();
    evil.samples[0].scenario = 'x\u001b[2Jy';
    expect(renderTable(evil, false)).not.toMatch(ANSI);
  });
});

describe('shouldColor', () => {
  it('follows NO_COLOR, FORCE_COLOR, TTY and TERM=dumb', () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(shouldColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
});
