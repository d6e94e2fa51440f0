import { METRIC_NAMES, isMetricName, type MetricName } from './registry.js';
import { didYouMean } from './suggest.js';
import { RtbenchError } from '../errors.js';

/**
 * A name that is not in the registry (or not among the values a run has, for an axis). Bad input:
 * the CLI exits 2 with the message, which always says where the name came from and the closest
 * valid name.
 */
export class UnknownNameError extends RtbenchError<'UNKNOWN_NAME'> {
  static readonly codes = ['UNKNOWN_NAME'] as const;
  constructor(
    readonly name_: string,
    message: string,
  ) {
    super('UNKNOWN_NAME', message);
    this.name = 'UnknownNameError';
  }
}

/** `unknown metric "x" in <where> (did you mean y?)`. */
export function unknownMetricMessage(name: string, where: string): string {
  const hint = didYouMean(name, METRIC_NAMES);
  return `unknown metric "${name}" in ${where}${hint || ` (metrics: ${METRIC_NAMES.join(', ')})`}`;
}

/** Returns `name` as a metric name, or throws {@link UnknownNameError} saying where it came from. */
export function requireMetricName(name: string, where: string): MetricName {
  if (isMetricName(name)) return name;
  throw new UnknownNameError(name, unknownMetricMessage(name, where));
}
