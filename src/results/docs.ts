import { METRICS, METRIC_NAMES, SCOPE_WORDS, FACTS, FACT_NAMES } from './registry.js';

/** Markers around the generated part of docs/metrics.md (test/results/registry-docs.test.ts). */
export const METRICS_DOC_BEGIN = '<!-- generated from src/results/registry.ts: do not edit by hand -->';
export const METRICS_DOC_END = '<!-- end of generated part -->';

const unitText: Record<string, string> = { ms: 'ms', count: 'count', bool: 'boolean', usd: 'USD', tokens: 'tokens' };
const betterText: Record<string, string> = { lower: 'lower', higher: 'higher', zero: 'closer to 0', neither: '—' };

/** The registry as Markdown tables: every metric and every fact, with unit, direction and scope. */
export function registryMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| metric | title | unit | better | applies to | same on ws and webrtc | definition |', '|---|---|---|---|---|---|---|'];
  for (const n of METRIC_NAMES) {
    const m = METRICS[n];
    lines.push(
      `| \`${n}\` | ${cell(m.title)} | ${unitText[m.unit]} | ${betterText[m.better]} | ${SCOPE_WORDS[m.scope]} | ${m.crossTransport ? 'yes' : 'no'} | ${cell(m.definition)} |`,
    );
  }
  lines.push('', '| fact | type | applies to | expectable | definition |', '|---|---|---|---|---|');
  for (const n of FACT_NAMES) {
    const f = FACTS[n];
    lines.push(`| \`${n}\` | ${f.kind} | ${SCOPE_WORDS[f.scope]} | ${f.expectable ? 'yes' : 'no'} | ${cell(f.definition)} |`);
  }
  return [METRICS_DOC_BEGIN, '', ...lines, '', METRICS_DOC_END].join('\n');
}
