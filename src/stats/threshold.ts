import { STAT_NAMES, type StatName } from './describe.js';
import { METRICS, isMetricName } from '../results/registry.js';
import { unknownMetricMessage } from '../results/names.js';
import { didYouMean } from '../results/suggest.js';
import { RtbenchError } from '../errors.js';

/**
 * A regression threshold, parsed from `<metric>.<stat>=<sign><amount><unit>`:
 * `first_audio_ms.p95=+10%`, `first_audio_ms.p50=+50ms`, `cost_usd.mean=+5%`,
 * `truncate_ok.mean=-0.1`.
 * - sign `+`: higher is worse — a regression when current > baseline + allowance;
 *   sign `-`: lower is worse — a regression when current < baseline − allowance;
 *   no sign: the worse direction of the metric in the registry (e.g. higher for `first_audio_ms`).
 *   A sign that contradicts the registry (it would flag improvements) is refused.
 * - the metric must be in the registry (src/results/registry.ts): an unknown name is refused with
 *   the closest valid name, never silently matched to nothing.
 * - unit `%`: allowance relative to the baseline value; `ms`: absolute milliseconds (only for
 *   `*_ms` metrics); no unit: absolute, in the metric's own unit.
 */
export interface Threshold {
  /** The text it was parsed from, for messages. */
  source: string;
  metric: string;
  stat: StatName;
  /** Which way is worse. */
  direction: 'higher_is_worse' | 'lower_is_worse';
  /** Allowance (≥ 0) before a change counts. */
  amount: number;
  kind: 'relative' | 'absolute';
}

/** Why a threshold string was rejected; `code` is stable for the CLI's exit-code mapping. */
export class ThresholdError extends RtbenchError<'THRESHOLD_INVALID'> {
  static readonly codes = ['THRESHOLD_INVALID'] as const;
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(
      'THRESHOLD_INVALID',
      `invalid threshold "${input}": ${reason}${reason.startsWith('unknown metric') ? '' : ' (expected <metric>.<stat>=<+|-><amount><%|ms|>, e.g. first_audio_ms.p95=+10%)'}`,
    );
    this.name = 'ThresholdError';
  }
}

const PATTERN = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9]+)\s*=\s*([+-]?)\s*(\d+(?:\.\d+)?|\.\d+)\s*(%|ms)?$/;

/** Parses one threshold string; throws {@link ThresholdError} with the reason on bad input. */
export function parseThreshold(input: string): Threshold {
  const s = input.trim();
  if (!s.includes('=')) throw new ThresholdError(input, 'missing "="');
  const [lhs] = s.split('=', 1);
  if (!lhs.includes('.')) throw new ThresholdError(input, `missing statistic after the metric name (one of ${STAT_NAMES.join(', ')})`);
  const m = PATTERN.exec(s);
  if (!m) throw new ThresholdError(input, 'the amount must be a number with an optional sign and unit % or ms');
  const [, metric, stat, sign, amountText, unit] = m;
  if (!(STAT_NAMES as readonly string[]).includes(stat)) {
    throw new ThresholdError(input, `unknown statistic "${stat}"${didYouMean(stat, STAT_NAMES) || ` (one of ${STAT_NAMES.join(', ')})`}`);
  }
  if (!isMetricName(metric)) throw new ThresholdError(input, unknownMetricMessage(metric, 'the threshold'));
  const better = METRICS[metric].better;
  const worseFromRegistry = better === 'lower' ? '+' : better === 'higher' ? '-' : '';
  if (!sign && !worseFromRegistry) throw new ThresholdError(input, `${metric} has no better direction; write + (higher is worse) or - (lower is worse)`);
  if (sign && worseFromRegistry && sign !== worseFromRegistry) {
    throw new ThresholdError(
      input,
      `${metric} is better ${better}, so "${sign}" would flag improvements; write ${worseFromRegistry}${amountText}${unit ?? ''}`,
    );
  }
  const worse = sign || worseFromRegistry;
  if (unit === 'ms' && !metric.endsWith('_ms')) {
    throw new ThresholdError(input, `"ms" applies only to *_ms metrics; use % or a plain number for ${metric}`);
  }
  return {
    source: s,
    metric,
    stat: stat as StatName,
    direction: worse === '-' ? 'lower_is_worse' : 'higher_is_worse',
    amount: Number(amountText),
    kind: unit === '%' ? 'relative' : 'absolute',
  };
}

/** Parses a list (e.g. repeated `--threshold` flags, or one comma-separated string). */
export function parseThresholds(inputs: readonly string[]): Threshold[] {
  return inputs
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseThreshold);
}

/** The value beyond which `current` counts as worse than `baseline` under `t`. */
export function thresholdLimit(t: Threshold, baseline: number): number {
  const allowance = t.kind === 'relative' ? (Math.abs(baseline) * t.amount) / 100 : t.amount;
  return t.direction === 'higher_is_worse' ? baseline + allowance : baseline - allowance;
}

/** Whether `current` is beyond the threshold's limit in the worse direction. */
export function beyondThreshold(t: Threshold, baseline: number, current: number): boolean {
  const limit = thresholdLimit(t, baseline);
  return t.direction === 'higher_is_worse' ? current > limit : current < limit;
}
