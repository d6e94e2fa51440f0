import type { Problem } from '../scenario/errors.js';
import type { Position } from '../scenario/positions.js';
import { closest } from '../scenario/suggest.js';
import { ENV_FILE, unlocatedProblem } from './errors.js';
import type { SettingKey } from './schema.js';
import { checkMockSetting, checkSetting, type MockSettingKey, type SettingsLayer } from './settings.js';

type Kind = 'text' | 'list' | 'number' | 'boolean';

/** `RTBENCH_*` variables that set config values, and how their text is read. */
export const ENV_SETTINGS: Readonly<Record<string, { key: SettingKey; kind: Kind }>> = {
  RTBENCH_TARGET: { key: 'target', kind: 'list' },
  RTBENCH_MODEL: { key: 'model', kind: 'list' },
  RTBENCH_DIALECT: { key: 'dialect', kind: 'text' },
  RTBENCH_REPEAT: { key: 'repeat', kind: 'number' },
  RTBENCH_CONCURRENCY: { key: 'concurrency', kind: 'number' },
  RTBENCH_RAMP: { key: 'ramp', kind: 'text' },
  RTBENCH_CLOCK: { key: 'clock', kind: 'text' },
  RTBENCH_OUT: { key: 'out', kind: 'text' },
  RTBENCH_REPORTER: { key: 'reporters', kind: 'list' },
  RTBENCH_SEED: { key: 'seed', kind: 'number' },
  RTBENCH_TURN_TIMEOUT: { key: 'turn_timeout', kind: 'text' },
  RTBENCH_INSECURE: { key: 'insecure', kind: 'boolean' },
  RTBENCH_SCENARIOS: { key: 'scenarios', kind: 'list' },
  RTBENCH_THRESHOLDS: { key: 'thresholds', kind: 'list' },
  RTBENCH_BASELINE: { key: 'baseline', kind: 'text' },
};

/** `RTBENCH_MOCK_*` variables for the bundled mock's settings. */
export const ENV_MOCK_SETTINGS: Readonly<Record<string, { key: MockSettingKey; kind: Kind }>> = {
  RTBENCH_MOCK_FIRST_AUDIO_MS: { key: 'first_audio_ms', kind: 'number' },
  RTBENCH_MOCK_JITTER_MS: { key: 'jitter_ms', kind: 'number' },
  RTBENCH_MOCK_PROFILE: { key: 'profile', kind: 'text' },
  RTBENCH_MOCK_SEED: { key: 'seed', kind: 'number' },
  RTBENCH_MOCK_PROFILE_FILE: { key: 'profile_file', kind: 'text' },
};

/** The variable naming the config file (like `--config`). */
export const ENV_CONFIG = 'RTBENCH_CONFIG';

/** `RTBENCH_*` variables with other jobs, not config settings: not reported as unknown. */
const OTHER_RTBENCH_VARS = new Set([ENV_CONFIG, 'RTBENCH_DEBUG', 'RTBENCH_CACHE_DIR', 'RTBENCH_FLITE_WASM', 'RTBENCH_MOCK_API_KEY', 'RTBENCH_UPDATE_SCHEMA']);

const KNOWN = [...Object.keys(ENV_SETTINGS), ...Object.keys(ENV_MOCK_SETTINGS), ...OTHER_RTBENCH_VARS];

/** Where an environment variable was set: a `.env` line, or the process environment. */
export interface EnvOrigins {
  /** Display name of the `.env` file (e.g. `.env`). */
  dotenvFile?: string;
  /** Variables that came from the `.env` file, and where. */
  positions: ReadonlyMap<string, Position>;
}

/**
 * Reads the config settings from `RTBENCH_*` variables. An empty variable counts as unset. Every
 * value is checked with the config file's schema; a problem names the variable
 * (`env:RTBENCH_REPEAT: expected a whole number ≥ 1, got "abc"`) or its `.env` line.
 */
export function settingsFromEnv(
  env: Record<string, string | undefined>,
  origins: EnvOrigins = { positions: new Map() },
): { layer: SettingsLayer; problems: Problem[]; warnings: string[] } {
  const layer: SettingsLayer = { settings: {}, mock: {} };
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const problem = (name: string, message: string) => {
    const pos = origins.positions.get(name);
    problems.push(pos && origins.dotenvFile ? { file: origins.dotenvFile, ...pos, message: `${name}: ${message}` } : unlocatedProblem(ENV_FILE, name, message));
  };
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('RTBENCH_') || raw === undefined || raw.trim() === '') continue;
    const setting = ENV_SETTINGS[name];
    const mock = ENV_MOCK_SETTINGS[name];
    if (setting) {
      const r = checkSetting(setting.key, fromText(raw, setting.kind));
      if (r.ok) layer.settings[setting.key] = r.value;
      else problem(name, r.message);
    } else if (mock) {
      const r = checkMockSetting(mock.key, fromText(raw, mock.kind));
      if (r.ok) (layer.mock as Record<string, unknown>)[mock.key] = r.value;
      else problem(name, r.message);
    } else if (!OTHER_RTBENCH_VARS.has(name)) {
      const best = closest(name, KNOWN);
      warnings.push(`env:${name}: not an rtbench setting, ignored${best ? ` (did you mean ${best}?)` : ''}`);
    }
  }
  return { layer, problems, warnings };
}

/** Variable text → the value the schema judges: numbers and booleans when they read as such. */
function fromText(raw: string, kind: Kind): unknown {
  const s = raw.trim();
  switch (kind) {
    case 'list':
      return s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    case 'number':
      return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
    case 'boolean':
      if (/^(1|true|yes|on)$/i.test(s)) return true;
      if (/^(0|false|no|off)$/i.test(s)) return false;
      return s;
    default:
      return s;
  }
}
