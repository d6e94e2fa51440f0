import { turnLabel } from '../results/sample.js';
import { join } from 'node:path';
import type { RegressionResult } from '../results/types.js';
import { escapeXml } from './escape.js';
import { buildView, expectationMessage, type CellView } from './model.js';
import { overlapFlag, unplannedOverlaps } from './overlap.js';
import type { ReportContext, Reporter } from './reporter.js';
import type { RunResults } from '../results/types.js';
import { writeFileAtomic } from './write.js';

export const JUNIT_XML = 'junit.xml';

/**
 * JUnit XML for CI test tabs: `<testsuites>` for the run, one `<testsuite>` per scenario, one
 * `<testcase>` per scenario × cell (plus one per turn with expectations, named after the turn). Each unmet expectation is a `<failure>` whose message reads
 * `expected first_audio_ms p95 < 1200, got 1340`; failed samples are one `<error>` listing them.
 * Baseline regressions, when given, form one more suite. Times are in seconds.
 */
export function renderJunit(results: RunResults, regressions: readonly RegressionResult[] = []): string {
  const view = buildView(results);
  const suites = view.map((sc) => suite(sc.scenario, sc.cells.flatMap(testcases)));
  if (regressions.length) suites.push(suite('baseline regressions', regressions.map(regressionCase)));
  const totals = suites.reduce((t, s) => ({ tests: t.tests + s.tests, failures: t.failures + s.failures, errors: t.errors + s.errors }), {
    tests: 0,
    failures: 0,
    errors: 0,
  });
  const seconds = Math.max(0, (Date.parse(results.run.ended_at) - Date.parse(results.run.started_at)) / 1000) || 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rtbench" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" time="${seconds.toFixed(3)}" timestamp="${escapeXml(results.run.started_at)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Case {
  xml: string;
  failures: number;
  errors: number;
}

function suite(name: string, cases: Case[]): Case & { tests: number } {
  const failures = cases.reduce((n, c) => n + (c.failures ? 1 : 0), 0);
  const errors = cases.reduce((n, c) => n + (c.errors ? 1 : 0), 0);
  return {
    tests: cases.length,
    failures,
    errors,
    xml: [
      `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="0">`,
      ...cases.map((c) => c.xml),
      '  </testsuite>',
    ].join('\n'),
  };
}

/**
 * The cell's testcase (scenario-level expectations and failed samples), then one testcase per turn
 * that has expectations, named `<cell> › turn 1 (greeting)` so a CI test tab shows which turn failed.
 */
function testcases(c: CellView): Case[] {
  const turns = [...new Set(c.expectations.filter((e) => e.turn !== undefined).map((e) => e.turn!))].sort((a, b) => a - b);
  const cellCase = testcase(
    c,
    c.cell,
    c.expectations.filter((e) => e.turn === undefined),
    true,
  );
  return [
    cellCase,
    ...turns.map((t) => {
      const own = c.expectations.filter((e) => e.turn === t);
      return testcase(c, `${c.cell} › ${turnLabel(t, own[0].turn_name)}`, own, false);
    }),
  ];
}

function testcase(c: CellView, name: string, expectations: CellView['expectations'], withSamples: boolean): Case {
  const body: string[] = [];
  const unmet = expectations.filter((e) => !e.ok);
  for (const e of unmet) {
    const message = expectationMessage(e);
    body.push(`      <failure message="${escapeXml(message)}" type="expectation">${escapeXml(`${message}\nat ${e.where}`)}</failure>`);
  }
  const failed = withSamples ? c.samples.filter((s) => !s.ok) : [];
  if (failed.length) {
    const message = `${failed.length} of ${c.samples.length} samples failed: ${failed[0].error ?? 'unknown error'}`;
    const detail = failed.map((s) => `${s.id} ${turnLabel(s.turn, s.turn_name)}: ${s.error ?? 'unknown error'}`).join('\n');
    body.push(`      <error message="${escapeXml(message)}" type="sample_error">${escapeXml(detail)}</error>`);
  }
  const passed = expectations.filter((e) => e.ok).map((e) => `ok: ${e.expected} (${e.actual})`);
  if (passed.length) body.push(`      <system-out>${escapeXml(passed.join('\n'))}</system-out>`);
  // Flagged, not failed: an expectation (unplanned_overlap: false) is what gates on it.
  const overlap = withSamples ? overlapFlag(unplannedOverlaps(c.samples)) : null;
  if (overlap) body.push(`      <system-err>${escapeXml(`warning: unplanned overlap: ${overlap}`)}</system-err>`);
  const open = `    <testcase classname="${escapeXml(`rtbench.${c.scenario}`)}" name="${escapeXml(name)}" time="0"`;
  return { xml: body.length ? [`${open}>`, ...body, '    </testcase>'].join('\n') : `${open}/>`, failures: unmet.length, errors: failed.length ? 1 : 0 };
}

function regressionCase(r: RegressionResult): Case {
  const open = `    <testcase classname="${escapeXml(`rtbench.baseline.${r.scenario}`)}" name="${escapeXml(`${r.cell} ${r.threshold}`)}" time="0"`;
  const cannot = r.status === 'no_data' && r.n_baseline > 0;
  if (!r.regression && !cannot) return { xml: `${open}/>`, failures: 0, errors: 0 };
  return {
    xml: `${open}>\n      <failure message="${escapeXml(r.message)}" type="${cannot ? 'cannot_be_judged' : 'regression'}">${escapeXml(r.message)}</failure>\n    </testcase>`,
    failures: 1,
    errors: 0,
  };
}

/** `junit.xml`. */
export const junitReporter: Reporter = {
  name: 'junit',
  async render(ctx: ReportContext) {
    await writeFileAtomic(join(ctx.outDir, JUNIT_XML), renderJunit(ctx.results, ctx.regressions ?? ctx.results.regressions));
  },
};
