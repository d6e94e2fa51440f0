import type { ReporterName } from '../report/reporter.js';
import type { ModelPrice } from '../metrics/cost.js';
import { MockSettingsSchema, SETTING_SCHEMAS, type NamedTargetSpec, type SettingKey } from './schema.js';

/**
 * The effective configuration: every setting after flags, environment, file and defaults are
 * merged. Keys are the config file's own, so the printed form can be saved as a config file.
 */
export interface EffectiveConfig {
  /** `mock`, `openai`, `azure`, a ws(s):// URL or the name of an entry of `targets`. */
  target: string[];
  /** Empty: each scenario's own `session.model`. */
  model: string[];
  /** `--network`: the links to run over (none, profiles, specs); empty: each scenario's own, else none. */
  network: string[];
  dialect: 'ga' | 'beta';
  /** Unset: each scenario's own `repeat`. */
  repeat?: number;
  concurrency: number;
  /** Spread of session starts, ms. */
  ramp: number;
  clock: 'real' | 'virtual';
  /** Unset: `reports/<timestamp>`. */
  out?: string;
  reporters: ReporterName[];
  seed: number;
  /** Max wait for a response after a turn, ms. */
  turn_timeout: number;
  insecure: boolean;
  /** Scenario files or folders run when none are named. */
  scenarios: string[];
  targets: Record<string, NamedTargetSpec>;
  mock: MockSettings;
  /** Price overrides, USD per 1M tokens, by model (name or prefix). */
  prices: Record<string, ModelPrice>;
  thresholds: string[];
  /** A previous run to check for regressions against. */
  baseline?: string;
}

/** Settings of the bundled mock. */
export interface MockSettings {
  first_audio_ms?: number;
  jitter_ms?: number;
  profile?: string;
  /** A mock profile file (`rtbench calibrate --out`); relative paths in the config file are from its folder. */
  profile_file?: string;
  seed?: number;
}

export type MockSettingKey = keyof MockSettings;

/** Where a setting's value came from. */
export type ConfigSource = 'flag' | 'env' | 'file' | 'default';

/** Defaults, the last layer (the same as the CLI's when no config exists). */
export const DEFAULT_CONFIG: Readonly<EffectiveConfig> = Object.freeze<EffectiveConfig>({
  target: ['mock'],
  model: [],
  network: [],
  dialect: 'ga',
  concurrency: 1,
  ramp: 0,
  clock: 'real',
  reporters: ['table', 'json', 'md', 'html'],
  seed: 1,
  turn_timeout: 20_000,
  insecure: false,
  scenarios: ['scenarios'],
  targets: {},
  mock: {},
  prices: {},
  thresholds: [],
});

/** What a setting means when nothing sets it and it has no default value. */
export const UNSET_MEANING: Partial<Record<SettingKey, string>> = {
  model: "each scenario's own",
  network: "each scenario's own (none)",
  repeat: "each scenario's own",
  out: 'reports/<timestamp>',
  baseline: 'none',
};

/**
 * Checks one setting's value against the schema the file uses. Returns the parsed value, or the
 * message of the first thing wrong (`expected a whole number ≥ 1, got "abc"`).
 */
export function checkSetting(key: SettingKey, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = SETTING_SCHEMAS[key].safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? 'invalid value' };
}

/** {@link checkSetting} for a field of `mock:`. */
export function checkMockSetting(key: MockSettingKey, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = MockSettingsSchema.shape[key].safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? 'invalid value' };
}

/** A layer of settings before merging: what one source (flags, environment, file) sets. */
export interface SettingsLayer {
  settings: Partial<Record<SettingKey, unknown>>;
  mock: MockSettings;
}
