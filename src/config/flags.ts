import type { Problem } from '../scenario/errors.js';
import { FLAG_FILE, unlocatedProblem } from './errors.js';
import type { SettingKey } from './schema.js';
import { checkMockSetting, checkSetting, type MockSettingKey, type MockSettings, type SettingsLayer } from './settings.js';

/**
 * Config values given on the command line, by config key. There is deliberately no field for a
 * secret: keys come from the environment only. A field left `undefined` is "not given" — pass
 * only flags the user typed, not yargs defaults, or they would hide the environment and the file.
 */
export interface ConfigFlags {
  target?: string[];
  model?: string[];
  network?: string[];
  dialect?: string;
  repeat?: number;
  concurrency?: number;
  /** `"2s"` or milliseconds. */
  ramp?: string | number;
  clock?: string;
  out?: string;
  /** Comma lists are split: `['table,json', 'md']` = `['table', 'json', 'md']`. */
  reporters?: string[];
  seed?: number;
  turn_timeout?: string | number;
  insecure?: boolean;
  /** Scenario paths named on the command line (replace `scenarios`). */
  scenarios?: string[];
  thresholds?: string[];
  baseline?: string;
  mock?: MockSettings;
}

/** How each setting is spelt on the command line, for messages. */
export const FLAG_NAMES: Readonly<Record<SettingKey, string>> = {
  target: '--target',
  model: '--model',
  network: '--network',
  dialect: '--dialect',
  repeat: '--repeat',
  concurrency: '--concurrency',
  ramp: '--ramp',
  clock: '--clock',
  out: '--out',
  reporters: '--reporter',
  seed: '--seed',
  turn_timeout: '--turn-timeout',
  insecure: '--insecure',
  scenarios: 'paths',
  thresholds: '--threshold',
  baseline: '--baseline',
};

const MOCK_FLAG_NAMES: Readonly<Record<MockSettingKey, string>> = {
  first_audio_ms: '--first-audio-ms',
  jitter_ms: '--jitter-ms',
  profile: '--profile',
  profile_file: '--profile-file',
  seed: '--mock-seed',
};

/** Checks the flags with the config file's schema; problems read `flag:--repeat: expected …`. */
export function settingsFromFlags(flags: ConfigFlags): { layer: SettingsLayer; problems: Problem[] } {
  const layer: SettingsLayer = { settings: {}, mock: {} };
  const problems: Problem[] = [];
  const { mock, ...rest } = flags;
  for (const [key, raw] of Object.entries(rest) as Array<[SettingKey, unknown]>) {
    if (raw === undefined || (Array.isArray(raw) && raw.length === 0) || !(key in FLAG_NAMES)) continue;
    const value = key === 'reporters' || key === 'thresholds' ? splitLists(raw as string[]) : raw;
    const r = checkSetting(key, value);
    if (r.ok) layer.settings[key] = r.value;
    else problems.push(unlocatedProblem(FLAG_FILE, FLAG_NAMES[key], r.message));
  }
  for (const [key, raw] of Object.entries(mock ?? {}) as Array<[MockSettingKey, unknown]>) {
    if (raw === undefined) continue;
    const r = checkMockSetting(key, raw);
    if (r.ok) (layer.mock as Record<string, unknown>)[key] = r.value;
    else problems.push(unlocatedProblem(FLAG_FILE, MOCK_FLAG_NAMES[key], r.message));
  }
  return { layer, problems };
}

function splitLists(list: string[]): string[] {
  return list
    .flatMap((s) => String(s).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Maps `rtbench run`'s parsed arguments (yargs names) to {@link ConfigFlags}. Only keys present in
 * `argv` with a value count, so the command must not give these options yargs defaults.
 */
export function flagsFromArgv(argv: Record<string, unknown>): ConfigFlags {
  const get = <T>(k: string): T | undefined => (argv[k] === undefined ? undefined : (argv[k] as T));
  const mock: MockSettings = { first_audio_ms: get('first-audio-ms'), jitter_ms: get('jitter-ms'), profile: get('profile'), profile_file: get('profile-file') };
  return {
    target: get('target'),
    model: get('model'),
    network: get('network'),
    dialect: get('dialect'),
    repeat: get('repeat'),
    concurrency: get('concurrency'),
    ramp: get('ramp'),
    clock: get('clock'),
    out: get('out'),
    reporters: get('reporter'),
    seed: get('seed'),
    turn_timeout: get('turn-timeout'),
    insecure: get('insecure'),
    scenarios: get('paths'),
    thresholds: get('threshold'),
    baseline: get('baseline'),
    mock: Object.values(mock).some((v) => v !== undefined) ? mock : undefined,
  };
}
