import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/report/escape.js';
import { appendGithubStepSummary, renderMarkdown } from '../../src/report/markdown.js';
import { compareRuns } from '../../src/stats/compare-runs.js';
import { checkRegressions } from '../../src/stats/regression.js';
import { parseThreshold } from '../../src/stats/threshold.js';
import { makeRun } from './fixtures.js';

describe('renderMarkdown', () => {
  const run = makeRun();
  const md = renderMarkdown(run);

  it('has the summary, expectations and failed samples, with escaped names', () => {
    expect(md).toMatch(/^## rtbench report\n/);
    expect(md).toContain('### Summary');
    expect(md).toContain(
      '| Scenario | Cell | n | Failed | First audio p50 | p95 | VAD stop delay p50 | Barge-in detection p50 | Talk-over p50 | Expectations |',
    );
    expect(md).toContain('| greeting &lt;b&gt;&amp;"quotes" | mock gpt-realtime silence\\_duration\\_ms=500 | 21 | ❌ 1 |');
    expect(md).toContain('### Expectations — ❌ 2 unmet');
    expect(md).toContain(
      '| ❌ | greeting &lt;b&gt;&amp;"quotes" | mock gpt-realtime silence\\_duration\\_ms=500 | first\\_audio\\_ms p95 &lt; 1200 | 1340 (n=20) | scenarios/greeting.yaml:12:7 |',
    );
    expect(md).toContain('### Failed samples (2)');
    expect(md).toContain('timeout: no response.done within 15000 ms &lt;after cancel&gt;');
    expect(md).not.toContain('<b>');
    expect(md).not.toContain('> [!WARNING]');
  });

  it('keeps every table row as wide as its header', () => {
    const tables = md.split('\n\n').filter((block) => block.startsWith('|'));
    expect(tables.length).toBeGreaterThanOrEqual(3);
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    for (const t of tables) {
      const lines = t.split('\n').filter((l) => l.startsWith('|'));
      expect(new Set(lines.map(cells)).size, t.slice(0, 80)).toBe(1);
    }
  });

  it('warns when measurement quality is poor', () => {
    const poor = makeRun();
    poor.run.event_loop_delay_p99_ms = 42;
    expect(renderMarkdown(poor)).toContain('> [!WARNING]\n> **Measurement quality is poor** — event-loop delay p99 is 42.0 ms (limit 20 ms)');
  });

  it('adds regressions and a comparison when given', () => {
    const baseline = makeRun({ seed: 7, mini_shift_ms: -250 });
    const regressions = checkRegressions(baseline, run, [parseThreshold('first_audio_ms.p50=+5%')], { iterations: 300 });
    const rows = compareRuns(baseline, run, { iterations: 300 });
    const out = renderMarkdown(run, { regressions, comparison: { a: 'baseline', b: 'today', rows } });
    expect(out).toMatch(/### Baseline — ❌ \d regression/);
    expect(out).toContain('`first_audio_ms.p50=+5%`');
    expect(out).toContain('### Comparison: baseline → today');
    expect(out).toContain('| Scenario | Group | Model | Metric | baseline | today | Δ | Δ% | 95% CI of Δ | p | Sig. |');
  });

  it('escapes pipes, markup and newlines in cells', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('<script>*x*\nnext')).toBe('&lt;script&gt;\\*x\\* next');
  });
});

describe('appendGithubStepSummary', () => {
  it('appends to $GITHUB_STEP_SUMMARY when set, and does nothing otherwise', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rtbench-md-'));
    const file = join(dir, 'summary.md');
    await writeFile(file, '# earlier step\n');
    expect(await appendGithubStepSummary('## rtbench report', { GITHUB_STEP_SUMMARY: file })).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('# earlier step\n## rtbench report\n');
    expect(await appendGithubStepSummary('x', {})).toBe(false);
  });
});
