import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Problem } from '../scenario/errors.js';
import type { PathSegment, Position } from '../scenario/positions.js';
import { closest } from '../scenario/suggest.js';
import { findConfigFile } from './discover.js';
import { loadDotenv } from './dotenv.js';
import { ENV_CONFIG, ENV_SETTINGS, settingsFromEnv } from './env.js';
import { ConfigError, ENV_FILE, FLAG_FILE, unlocatedProblem } from './errors.js';
import { FLAG_NAMES, settingsFromFlags, type ConfigFlags } from './flags.js';
import { loadConfigFile } from './load-file.js';
import { BUILTIN_TARGETS, SETTING_SCHEMAS, type SettingKey } from './schema.js';
import { DEFAULT_CONFIG, type ConfigSource, type EffectiveConfig, type MockSettingKey, type SettingsLayer } from './settings.js';

/** A key of {@link ResolvedConfig.sources}: a setting, a file-only section, or a `mock.*` field. */
export type ConfigKey = SettingKey | 'targets' | 'prices' | `mock.${MockSettingKey}`;

/** The outcome of {@link resolveConfig}. */
export interface ResolvedConfig {
  config: EffectiveConfig;
  /** Where each value came from. */
  sources: Record<ConfigKey, ConfigSource>;
  /** Absolute path of the config file used, if any. */
  file?: string;
  /** Absolute path of the `.env` file read, if any. */
  dotenvFile?: string;
  /**
   * The environment the run should use: the given one plus `.env` variables it lacked. Holds
   * secrets: pass it on, never print it.
   */
  env: Record<string, string | undefined>;
  /** Notes that do not stop a run (a literal key in the file, an unknown `RTBENCH_*` variable). */
  warnings: string[];
  /** Where a path of the config file is written, for problems found later; undefined without a file. */
  locate?: (path: readonly PathSegment[], which?: 'key' | 'value') => Position;
  /** The config file as shown in messages. */
  displayFile?: string;
}

/** Inputs of {@link resolveConfig}. */
export interface ResolveConfigOptions {
  /** Folder the command runs in: where discovery starts and `.env` is read. */
  cwd: string;
  /** Process environment (default `process.env`); not modified. */
  env?: Record<string, string | undefined>;
  /** Values from the command line. */
  flags?: ConfigFlags;
  /** `--config <file>` (relative to `cwd`); `false` = use no config file at all. */
  configPath?: string | false;
}

const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];
const MOCK_KEYS: MockSettingKey[] = ['first_audio_ms', 'jitter_ms', 'profile', 'profile_file', 'seed'];
/** Settings holding paths: in a file, relative to the file's folder. */
const PATH_KEYS: SettingKey[] = ['out', 'scenarios', 'baseline'];

/**
 * Resolves the effective configuration with the precedence flags > `RTBENCH_*` environment
 * (including a `.env` file in `cwd`, which never overrides a variable already set) > config file
 * (`--config`, `RTBENCH_CONFIG`, or `rtbench.config.{yaml,yml,json,mjs}` found from `cwd` upwards)
 * > defaults. Paths written in a config file are relative to that file's folder.
 *
 * @throws ConfigError (`CONFIG_INVALID`, exit 2) with every problem found, each at its
 *   `file:line:col`, `env:RTBENCH_X` or `flag:--x`.
 */
export async function resolveConfig(opts: ResolveConfigOptions): Promise<ResolvedConfig> {
  const cwd = resolve(opts.cwd);
  const dotenv = await loadDotenv(cwd, opts.env ?? process.env);
  const env = dotenv.env;
  const problems: Problem[] = [];
  const warnings: string[] = [...dotenv.warnings];

  const explicit = opts.configPath === false ? undefined : (opts.configPath ?? (env[ENV_CONFIG] || undefined));
  const configFile = opts.configPath === false ? undefined : explicit !== undefined ? resolve(cwd, explicit) : await findConfigFile(cwd);
  const displayFile = configFile ? displayPath(cwd, configFile) : undefined;
  const loaded = configFile ? await loadConfigFile(configFile, displayFile!) : undefined;
  if (loaded) {
    problems.push(...loaded.problems);
    warnings.push(...loaded.warnings);
  }

  const fromEnv = settingsFromEnv(env, { dotenvFile: dotenv.file ? displayPath(cwd, dotenv.file) : undefined, positions: dotenv.origins });
  problems.push(...fromEnv.problems);
  warnings.push(...fromEnv.warnings);
  const fromFlags = settingsFromFlags(opts.flags ?? {});
  problems.push(...fromFlags.problems);
  if (problems.length) throw new ConfigError(problems);

  const spec = loaded?.spec ?? {};
  const fileLayer: SettingsLayer = { settings: {}, mock: spec.mock ?? {} };
  for (const key of SETTING_KEYS) if (spec[key] !== undefined) fileLayer.settings[key] = spec[key];
  const configDir = configFile ? dirname(configFile) : cwd;
  if (typeof fileLayer.mock.profile_file === 'string')
    fileLayer.mock = { ...fileLayer.mock, profile_file: rebase(cwd, configDir, fileLayer.mock.profile_file) };
  for (const key of PATH_KEYS) {
    const v = fileLayer.settings[key];
    if (v !== undefined) fileLayer.settings[key] = Array.isArray(v) ? v.map((p: string) => rebase(cwd, configDir, p)) : rebase(cwd, configDir, v as string);
  }

  const layers: Array<[ConfigSource, SettingsLayer]> = [
    ['flag', fromFlags.layer],
    ['env', fromEnv.layer],
    ['file', fileLayer],
  ];
  const config: EffectiveConfig = { ...structuredClone(DEFAULT_CONFIG), targets: spec.targets ?? {}, prices: spec.prices ?? {} };
  const sources = { targets: spec.targets ? 'file' : 'default', prices: spec.prices ? 'file' : 'default' } as Record<ConfigKey, ConfigSource>;
  for (const key of SETTING_KEYS) {
    const hit = layers.find(([, l]) => l.settings[key] !== undefined);
    if (hit) (config as unknown as Record<string, unknown>)[key] = hit[1].settings[key];
    sources[key] = hit ? hit[0] : 'default';
  }
  for (const key of MOCK_KEYS) {
    const hit = layers.find(([, l]) => l.mock[key] !== undefined);
    if (hit) (config.mock as Record<string, unknown>)[key] = hit[1].mock[key];
    sources[`mock.${key}`] = hit ? hit[0] : 'default';
  }

  const targetProblems = checkTargetNames(config, sources.target, loaded?.locate, displayFile);
  if (targetProblems.length) throw new ConfigError(targetProblems);

  return {
    config,
    sources,
    file: configFile,
    dotenvFile: dotenv.file,
    env,
    warnings,
    locate: loaded?.locate,
    displayFile,
  };
}

/** Every target must be built in, a ws(s) URL, or a named target of the file. */
function checkTargetNames(config: EffectiveConfig, source: ConfigSource, locate: ResolvedConfig['locate'], displayFile: string | undefined): Problem[] {
  const known = [...BUILTIN_TARGETS, ...Object.keys(config.targets)];
  const problems: Problem[] = [];
  config.target.forEach((t, i) => {
    if (known.includes(t) || /^wss?:\/\//i.test(t)) return;
    const best = closest(t, known);
    const message = `unknown target "${t}": expected ${BUILTIN_TARGETS.join(', ')}, a ws:// or wss:// URL${Object.keys(config.targets).length ? ', or a name under targets:' : ', or a name defined under targets: in the config file'}${best ? ` (did you mean ${best}?)` : ''}`;
    if (source === 'flag') problems.push(unlocatedProblem(FLAG_FILE, FLAG_NAMES.target, message));
    else if (source === 'env') problems.push(unlocatedProblem(ENV_FILE, envName('target'), message));
    else if (locate && displayFile) {
      const pos = config.target.length > 1 ? locate(['target', i]) : locate(['target']);
      problems.push({ file: displayFile, ...pos, message: `target: ${message}` });
    }
  });
  return problems;
}

function envName(key: SettingKey): string {
  return Object.entries(ENV_SETTINGS).find(([, v]) => v.key === key)?.[0] ?? key;
}

/** A path written in the config file, made relative to `cwd` (absolute paths stay). */
function rebase(cwd: string, configDir: string, p: string): string {
  if (isAbsolute(p) || configDir === cwd) return p;
  return relative(cwd, resolve(configDir, p)) || '.';
}

function displayPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  return rel === '' ? abs : rel;
}
