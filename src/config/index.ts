/**
 * Configuration: `rtbench.config.{yaml,yml,json,mjs}` (found from the working folder upwards),
 * `RTBENCH_*` variables (and a `.env` file), and flags, merged with the precedence
 * flags > environment > file > defaults. Errors point at `file:line:col`, `env:VAR` or `flag:--x`.
 */
export { ConfigError, formatConfigProblem, ENV_FILE, FLAG_FILE, type ConfigErrorCode, type Problem } from './errors.js';
export { resolveConfig, type ResolvedConfig, type ResolveConfigOptions, type ConfigKey } from './resolve.js';
export { formatEffectiveConfig, redactedConfig } from './format.js';
export { toBenchmarkOptions, type ConfigRunOptions } from './run-options.js';
export { findConfigFile, CONFIG_FILE_NAMES } from './discover.js';
export { loadConfigFile, parseConfigText, type LoadedConfigFile } from './load-file.js';
export { parseDotenv, loadDotenv, type DotenvEntry, type DotenvParse, type DotenvLoad } from './dotenv.js';
export { settingsFromEnv, ENV_SETTINGS, ENV_MOCK_SETTINGS, ENV_CONFIG } from './env.js';
export { settingsFromFlags, flagsFromArgv, FLAG_NAMES, type ConfigFlags } from './flags.js';
export { DEFAULT_CONFIG, type EffectiveConfig, type MockSettings, type ConfigSource } from './settings.js';
export { ConfigFileSchema, NamedTargetSchema, BUILTIN_TARGETS, durationMs, type ConfigFileSpec, type NamedTargetSpec, type SettingKey } from './schema.js';
