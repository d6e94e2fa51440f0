import { METRICS, METRIC_NAMES, SCOPE_WORDS, type MetricInfo, type MetricName } from '../results/registry.js';
import type { Sample } from '../results/types.js';
import { escapeHtml, escapeMarkdown } from './escape.js';

/** One metric explained, from the registry. */
export interface GlossaryEntry extends MetricInfo {
  name: MetricName;
}

const UNIT_WORDS: Record<MetricInfo['unit'], string> = { ms: 'ms', count: 'count', bool: 'yes/no, shown as a rate', usd: 'USD', tokens: 'tokens' };
const BETTER_WORDS: Record<MetricInfo['better'], string> = {
  lower: 'lower is better',
  higher: 'higher is better',
  zero: 'closer to 0 is better',
  neither: 'descriptive',
};

/** The registered metrics that have a value in at least one sample, in registry order. */
export function glossaryOf(samples: readonly Sample[]): GlossaryEntry[] {
  const seen = new Set<string>();
  for (const s of samples) for (const [k, v] of Object.entries(s.metrics)) if (v !== null && v !== undefined) seen.add(k);
  return METRIC_NAMES.filter((n) => seen.has(n)).map((name) => ({ name, ...METRICS[name] }));
}

function about(g: GlossaryEntry): string {
  return `${UNIT_WORDS[g.unit]}, ${BETTER_WORDS[g.better]}${g.scope === 'any' ? '' : `, ${SCOPE_WORDS[g.scope]} only`}`;
}

/** A Markdown glossary: one bullet per metric the report shows. */
export function glossaryMarkdown(samples: readonly Sample[]): string {
  const entries = glossaryOf(samples);
  if (!entries.length) return '';
  return entries.map((g) => `- **${escapeMarkdown(g.title)}** (\`${g.name}\`; ${about(g)}): ${escapeMarkdown(g.definition)}`).join('\n') + '\n';
}

/** An HTML glossary (a definition list) of the metrics the report shows. */
export function glossaryHtml(samples: readonly Sample[]): string {
  const entries = glossaryOf(samples);
  if (!entries.length) return '<p class="empty">No metric was measured.</p>';
  return `<dl class="glossary">${entries.map((g) => `<dt><b>${escapeHtml(g.title)}</b> <code>${g.name}</code> <span class="soft">${escapeHtml(about(g))}</span></dt><dd>${escapeHtml(g.definition)}</dd>`).join('')}</dl>`;
}
