/** Report renderers behind one {@link Reporter} interface, and the comparison renderers. */
import { mkdir } from 'node:fs/promises';
import { csvReporter } from './csv.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import { REPORTER_NAMES, type ReportContext, type Reporter, type ReporterName } from './reporter.js';
import { tableReporter } from './table.js';

export {
  REPORTER_NAMES,
  shouldColor,
  loadTraces,
  type Reporter,
  type ReporterName,
  type ReportContext,
  type RunComparison,
  type TraceSource,
} from './reporter.js';
export { renderTable, tableReporter } from './table.js';
export { jsonReporter } from './json.js';
export { appendJsonl, readJsonl, iterateJsonl, toJsonl } from './jsonl.js';
export { renderCsv, csvReporter, RESULTS_CSV } from './csv.js';
export { renderJunit, junitReporter, JUNIT_XML } from './junit.js';
export { renderMarkdown, markdownReporter, appendGithubStepSummary, REPORT_MD } from './markdown.js';
export { renderHtml, htmlReporter, REPORT_HTML, type HtmlInput } from './html.js';
export {
  renderComparisonTable,
  renderComparisonMarkdown,
  renderAxisTable,
  renderAxisMarkdown,
  renderRegressionsMarkdown,
  SIGNIFICANT_MARK,
  NOT_SIGNIFICANT_MARK,
  type ComparisonRenderOptions,
} from './comparison.js';
export { assessQuality, PACING_LAG_P99_LIMIT_MS, EVENT_LOOP_DELAY_P99_LIMIT_MS, type MeasurementQuality } from './quality.js';
export { escapeHtml, escapeXml, escapeMarkdown, csvField } from './escape.js';
export { buildView, type CellView, type ScenarioView } from './model.js';
export type * from '../results/types.js';

/** Every reporter by name. */
export const REPORTERS: Readonly<Record<ReporterName, Reporter>> = {
  table: tableReporter,
  json: jsonReporter,
  md: markdownReporter,
  html: htmlReporter,
  csv: csvReporter,
  junit: junitReporter,
};

/**
 * Renders the named reports in the order given (duplicates once each), creating `ctx.outDir`
 * first. Throws on an unknown name before rendering anything.
 */
export async function renderReports(names: readonly ReporterName[], ctx: ReportContext): Promise<void> {
  const unique = [...new Set(names)];
  const unknown = unique.filter((n) => !(REPORTER_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`unknown reporter: ${unknown.join(', ')} (choose from ${REPORTER_NAMES.join(', ')})`);
  if (unique.some((n) => n !== 'table')) await mkdir(ctx.outDir, { recursive: true });
  for (const name of unique) await REPORTERS[name].render(ctx);
}
