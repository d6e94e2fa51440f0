import { glossaryMarkdown } from './glossary.js';
import { turnLabel } from '../results/sample.js';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegressionResult } from '../results/types.js';
import { renderComparisonMarkdown, renderRegressionsMarkdown } from './comparison.js';
import { escapeMarkdown, mdCode } from './escape.js';
import { fmtElapsed, fmtMetric, metricTitle } from './format.js';
import { booleanMetrics, buildView, expectationMessage, hasMetric, type CellView } from './model.js';
import { overlapFlag, unplannedOverlaps } from './overlap.js';
import { assessQuality } from './quality.js';
import { networkMarkdown } from './network.js';
import type { ReportContext, Reporter, RunComparison } from './reporter.js';
import type { RunResults } from '../results/types.js';
import { writeFileAtomic } from './write.js';
import { RESULTS_FILE } from '../run-folder/names.js';

export const REPORT_MD = 'report.md';

/** Failed samples listed before the rest is folded away (keeps job summaries short). */
const MAX_FAILED_ROWS = 50;

export interface MarkdownExtras {
  regressions?: readonly RegressionResult[];
  comparison?: RunComparison;
}

/**
 * `report.md`: GitHub-flavoured Markdown sized for a job summary — run line, measurement-quality
 * alert, the per-cell summary, expectations, regressions/comparison when present, failed samples
 * and every metric's full statistics folded in `<details>`.
 */
export function renderMarkdown(results: RunResults, extras: MarkdownExtras = {}): string {
  const view = buildView(results);
  const cells = view.flatMap((s) => s.cells);
  const rates = booleanMetrics(results.samples);
  const q = assessQuality(results);
  const failedSamples = results.samples.filter((s) => !s.ok);
  const unmet = results.expectations.filter((e) => !e.ok);
  const out: string[] = [];
  const r = results.run;

  out.push('## rtbench report', '');
  out.push(
    `**${results.samples.length}** samples · **${failedSamples.length}** failed · expectations **${results.expectations.length - unmet.length}/${results.expectations.length}** met · ` +
      `${escapeMarkdown(r.started_at)} (${fmtElapsed(r.started_at, r.ended_at)}) · clock ${escapeMarkdown(r.clock)} · seed ${r.seed} · rtbench ${escapeMarkdown(r.version)} · node ${escapeMarkdown(r.node)} · ${r.cpus} CPUs`,
    '',
  );
  if (q.poor)
    out.push('> [!WARNING]', `> **Measurement quality is poor** — ${q.problems.map(escapeMarkdown).join('; ')}. Latencies below include harness error.`, '');
  out.push(`Measurement: ${escapeMarkdown(q.line)}.`, '');
  const overlap = overlapFlag(unplannedOverlaps(results.samples));
  if (overlap) out.push('> [!WARNING]', `> **Unplanned overlap** — ${escapeMarkdown(overlap)}.`, '');

  out.push('### Summary', '', ...summaryTable(cells), '');
  out.push('Latencies in ms over ok samples; p50/p95 are type-7 percentiles.', '');
  out.push(...networkMarkdown(results, escapeMarkdown));

  if (results.expectations.length) {
    out.push(`### Expectations — ${unmet.length ? `❌ ${unmet.length} unmet` : '✅ all met'}`, '');
    out.push('| | Scenario | Cell | Expectation | Actual | Where |', '|:-:|---|---|---|---|---|');
    for (const e of [...unmet, ...results.expectations.filter((x) => x.ok)]) {
      out.push(
        `| ${e.ok ? '✅' : '❌'} | ${escapeMarkdown(e.scenario)} | ${escapeMarkdown(e.cell)} | ${escapeMarkdown(`${e.turn !== undefined ? `${turnLabel(e.turn, e.turn_name)}: ` : ''}${e.expected}`)} | ${escapeMarkdown(e.actual)} | ${escapeMarkdown(e.where)} |`,
      );
    }
    out.push('');
  }

  if (extras.regressions) {
    const n = extras.regressions.filter((x) => x.regression).length;
    const gate = results.gate;
    const title = n ? `❌ ${n} regression${n > 1 ? 's' : ''}` : gate?.failed ? '❌ cannot be judged' : '✅ no regression';
    out.push(`### Baseline — ${title}`, '', renderRegressionsMarkdown(extras.regressions, { gate }));
  }
  if (extras.comparison) {
    out.push(
      `### Comparison: ${escapeMarkdown(extras.comparison.a)} → ${escapeMarkdown(extras.comparison.b)}`,
      '',
      renderComparisonMarkdown(extras.comparison.rows, extras.comparison),
    );
  }

  if (failedSamples.length) {
    out.push(`### Failed samples (${failedSamples.length})`, '', '<details><summary>Show failed samples</summary>', '');
    out.push('| Sample | Error |', '|---|---|');
    for (const s of failedSamples.slice(0, MAX_FAILED_ROWS))
      out.push(`| ${escapeMarkdown(`${s.id} ${turnLabel(s.turn, s.turn_name)}`)} | ${escapeMarkdown(s.error ?? 'unknown error')} |`);
    if (failedSamples.length > MAX_FAILED_ROWS) out.push(`| … | ${failedSamples.length - MAX_FAILED_ROWS} more in ${RESULTS_FILE} |`);
    out.push('', '</details>', '');
  }

  const glossary = glossaryMarkdown(results.samples);
  if (glossary) out.push('<details><summary>What the metrics mean</summary>', '', glossary, '</details>', '');

  out.push('<details><summary>All metrics</summary>', '');
  for (const sc of view) {
    for (const c of sc.cells) {
      if (!c.summary.size) continue;
      out.push(`**${escapeMarkdown(sc.scenario)}** · ${escapeMarkdown(c.cell)}`, '');
      out.push('| Metric | n | mean | p50 | p90 | p95 | p99 | min | max | 95% CI of mean |', '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
      for (const row of c.summary.values()) {
        const rate = rates.has(row.metric);
        const f = (v: number | null) => fmtMetric(row.metric, v, { rate });
        out.push(
          `| ${mdCode(row.metric)} | ${row.n} | ${f(row.mean)} | ${f(row.p50)} | ${f(row.p90)} | ${f(row.p95)} | ${f(row.p99)} | ${f(row.min)} | ${f(row.max)} | ${row.ci95 ? `${f(row.ci95[0])} – ${f(row.ci95[1])}` : '—'} |`,
        );
      }
      out.push('');
    }
  }
  out.push('</details>', '');
  return out.join('\n');
}

function summaryTable(cells: CellView[]): string[] {
  const cols: Array<{ head: string; value: (c: CellView) => string }> = [
    { head: 'Scenario', value: (c) => escapeMarkdown(c.scenario) },
    { head: 'Cell', value: (c) => escapeMarkdown(c.cell) },
    { head: 'n', value: (c) => String(c.samples.length) },
    { head: 'Failed', value: (c) => (c.failed ? `❌ ${c.failed}` : '0') },
  ];
  const ms = (metric: string, key: 'p50' | 'p95') => (c: CellView) => fmtMetric(metric, c.summary.get(metric)?.[key] ?? null);
  cols.push({ head: `${metricTitle('first_audio_ms')} p50`, value: ms('first_audio_ms', 'p50') });
  cols.push({ head: 'p95', value: ms('first_audio_ms', 'p95') });
  cols.push({ head: `${metricTitle('vad_stop_delay_ms')} p50`, value: ms('vad_stop_delay_ms', 'p50') });
  for (const m of ['barge_in_detect_ms', 'talk_over_ms', 'tool_call_ms'])
    if (hasMetric(cells, m)) cols.push({ head: `${metricTitle(m)} p50`, value: ms(m, 'p50') });
  cols.push({
    head: 'Expectations',
    value: (c) => {
      if (!c.expectations.length) return '—';
      const bad = c.expectations.filter((e) => !e.ok);
      return bad.length ? `❌ ${bad.map((e) => escapeMarkdown(expectationMessage(e))).join('<br>')}` : `✅ ${c.expectations.length}`;
    },
  });
  const align = (h: string) => (['Scenario', 'Cell', 'Expectations'].includes(h) ? '---' : '--:');
  return [
    `| ${cols.map((c) => c.head).join(' | ')} |`,
    `|${cols.map((c) => align(c.head)).join('|')}|`,
    ...cells.map((c) => `| ${cols.map((col) => col.value(c)).join(' | ')} |`),
  ];
}

/**
 * Appends Markdown to the GitHub Actions job summary when `GITHUB_STEP_SUMMARY` is set; returns
 * whether it did. The CLI calls this after rendering `report.md`.
 */
export async function appendGithubStepSummary(markdown: string, env: Record<string, string | undefined> = process.env): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  await appendFile(file, markdown.endsWith('\n') ? markdown : markdown + '\n');
  return true;
}

/** `report.md`. */
export const markdownReporter: Reporter = {
  name: 'md',
  async render(ctx: ReportContext) {
    await writeFileAtomic(
      join(ctx.outDir, REPORT_MD),
      renderMarkdown(ctx.results, { regressions: ctx.regressions ?? ctx.results.regressions, comparison: ctx.comparison }),
    );
  },
};
