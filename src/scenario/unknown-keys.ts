import { AGGREGATES, FACT_NAMES, METRIC_NAMES } from './metrics.js';
import type { PathSegment } from './positions.js';
import { SESSION_FIELDS, VAD_FIELDS, type VadField } from './session-schema.js';
import { closest } from './suggest.js';

const TURN_KEYS = ['audio', 'leading_silence_ms', 'trailing_silence_ms', 'gap_ms', 'start', 'barge_in', 'noise', 'tool', 'transcript'];
const EXPECT_NAMES: string[] = [...METRIC_NAMES, ...FACT_NAMES];

/**
 * `unknown key "x" (did you mean y?)`. A key that is valid elsewhere (a session setting at the top,
 * a metric directly in a turn) says where it belongs; otherwise the closest allowed key is suggested.
 */
export function unknownKeyMessage(path: readonly PathSegment[], key: string, known: readonly string[]): string {
  const where = context(path);
  const noun = where === 'matrix' ? 'setting' : where === 'expect' || where === 'turn_expect' ? 'metric' : 'key';
  const misplaced = misplacedHint(where, key);
  if (misplaced) return `unknown ${noun} "${key}" (${misplaced})`;
  const candidates = where === 'turn_detection' ? [...known, ...Object.keys(VAD_FIELDS)] : known;
  const best = closest(key, candidates);
  if (best && where === 'turn_detection' && !known.includes(best)) {
    return `unknown key "${key}" (${best} applies to ${VAD_FIELDS[best as VadField].types.join(' and ')} only)`;
  }
  return `unknown ${noun} "${key}"${best ? ` (did you mean ${best}?)` : ''}`;
}

type Context = 'root' | 'session' | 'turn_detection' | 'turn' | 'turn_expect' | 'expect' | 'matrix' | 'other';

function context(path: readonly PathSegment[]): Context {
  const p = path.map((s) => (typeof s === 'number' ? '#' : s)).join('/');
  switch (p) {
    case '':
      return 'root';
    case 'session':
      return 'session';
    case 'session/turn_detection':
      return 'turn_detection';
    case 'turns/#':
      return 'turn';
    case 'turns/#/expect':
      return 'turn_expect';
    case 'expect':
      return 'expect';
    case 'matrix':
      return 'matrix';
    default:
      return 'other';
  }
}

function misplacedHint(where: Context, key: string): string | undefined {
  const isMetric = (METRIC_NAMES as string[]).includes(key);
  switch (where) {
    case 'root':
      if (key === 'model') return 'did you mean session.model, or matrix.model to compare models?';
      if (key === 'target') return 'did you mean matrix.target? (or --target on the command line)';
      if (key === 'seed') return 'the seed is given with --seed';
      if (key in SESSION_FIELDS) return `did you mean session.${key}?`;
      if (key in VAD_FIELDS) return `did you mean session.turn_detection.${key}?`;
      if (TURN_KEYS.includes(key)) return `did you mean turns: [{ ${key}: … }]?`;
      if (isMetric) return `did you mean expect.${key}?`;
      return undefined;
    case 'session':
      if (key in VAD_FIELDS) return `did you mean turn_detection.${key}?`;
      return undefined;
    case 'turn':
      if (EXPECT_NAMES.includes(key)) return `did you mean expect.${key}?`;
      if (key === 'after_first_audio_ms' || key === 'after_played_ms') return `did you mean barge_in: { ${key}: … }?`;
      if (key === 'snr_db') return 'did you mean noise.snr_db?';
      return undefined;
    case 'expect':
      if ((FACT_NAMES as string[]).includes(key)) return `${key} is a per-turn fact: put it under turns[i].expect`;
      if ((AGGREGATES as readonly string[]).includes(key)) return `aggregates go under a metric, e.g. first_audio_ms: { ${key}: "< 1200" }`;
      return undefined;
    case 'turn_expect':
      if ((AGGREGATES as readonly string[]).includes(key)) return `aggregates go under a metric, e.g. first_audio_ms: { ${key}: "< 1200" }`;
      return undefined;
    case 'matrix':
      if (key === 'repeat') return 'repeat is a top-level key';
      return undefined;
    default:
      return undefined;
  }
}
