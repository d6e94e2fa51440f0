import { relative } from 'node:path';
import { stringify } from 'yaml';
import { redactUrl } from '../runner/targets.js';
import { Redactor, secretsFromEnv } from '../util/redact.js';
import { ENV_MOCK_SETTINGS, ENV_SETTINGS } from './env.js';
import { FLAG_NAMES } from './flags.js';
import type { ConfigKey, ResolvedConfig } from './resolve.js';
import { MASK, isLiteralSecretHeader, maskHeaderValue } from './secrets.js';
import type { SettingKey } from './schema.js';
import { UNSET_MEANING, type EffectiveConfig, type MockSettingKey } from './settings.js';

/** Order in which settings are printed (the config file's natural order). */
const ORDER: SettingKey[] = [
  'target',
  'model',
  'dialect',
  'repeat',
  'concurrency',
  'ramp',
  'clock',
  'out',
  'reporters',
  'seed',
  'turn_timeout',
  'insecure',
  'scenarios',
  'thresholds',
  'baseline',
];
const MOCK_ORDER: MockSettingKey[] = ['first_audio_ms', 'jitter_ms', 'profile', 'profile_file', 'seed'];

/**
 * The effective config with every secret masked (`***`): literal `api_key`s and credential
 * headers of named targets, credentials in URLs, and any value equal to a secret of the
 * environment. What `rtbench config` prints and what a run folder may store.
 */
export function redactedConfig(resolved: ResolvedConfig): EffectiveConfig {
  const c = resolved.config;
  const targets: EffectiveConfig['targets'] = {};
  for (const [name, t] of Object.entries(c.targets)) {
    targets[name] = {
      ...t,
      ...(t.url !== undefined ? { url: redactUrl(t.url) } : {}),
      ...(t.endpoint !== undefined ? { endpoint: redactUrl(t.endpoint) } : {}),
      ...(t.api_key !== undefined ? { api_key: MASK } : {}),
      ...(t.headers ? { headers: Object.fromEntries(Object.entries(t.headers).map(([h, v]) => [h, maskHeaderValue(h, v)])) } : {}),
    };
  }
  const copy: EffectiveConfig = { ...c, target: c.target.map((t) => (/^wss?:/i.test(t) ? redactUrl(t) : t)), targets };
  return mapStrings(copy, (v) => redact(resolved, v));
}

/**
 * The effective config as YAML that could be saved as `rtbench.config.yaml`, secrets masked, each
 * value followed by where it came from (`# flag --repeat`, `# env RTBENCH_MODEL`, `# file`,
 * `# default`). Unset optional settings are shown as comments with their meaning.
 */
export function formatEffectiveConfig(resolved: ResolvedConfig, opts: { cwd?: string } = {}): string {
  const c = redactedConfig(resolved);
  const where = resolved.file ? (opts.cwd ? relative(opts.cwd, resolved.file) || resolved.file : (resolved.displayFile ?? resolved.file)) : 'none';
  const lines = ['# rtbench effective configuration (flag > env > file > default); secrets are shown as ***', `# config file: ${where}`];
  if (resolved.dotenvFile) lines.push(`# .env: ${opts.cwd ? relative(opts.cwd, resolved.dotenvFile) : '.env'}`);
  for (const key of ORDER) {
    const value = c[key];
    const src = sourceNote(resolved, key);
    // Unset (and an empty model list, which a file cannot write) shows as a comment with its meaning.
    if (value === undefined || (key === 'model' && (value as string[]).length === 0)) {
      lines.push(`# ${key}: (${UNSET_MEANING[key] ?? 'unset'})  # ${src}`);
      continue;
    }
    lines.push(`${key}: ${key === 'ramp' || key === 'turn_timeout' ? formatDuration(value as number) : inline(value)}  # ${src}`);
  }
  lines.push(...block('targets', c.targets, sourceNote(resolved, 'targets')));
  const mockLines = MOCK_ORDER.filter((k) => c.mock[k] !== undefined).map((k) => `  ${k}: ${inline(c.mock[k])}  # ${sourceNote(resolved, `mock.${k}`)}`);
  lines.push(mockLines.length ? 'mock:' : 'mock: {}  # default', ...mockLines);
  lines.push(...block('prices', c.prices, sourceNote(resolved, 'prices')));
  // Second line of defence: anything that still equals a known secret is masked. (Values were
  // pattern-redacted one by one above; patterns over whole lines would take `Bearer ***` for a key.)
  return maskKnown(lines.join('\n') + '\n', resolved);
}

/** A copy of a JSON-like value with every string (keys included) passed through `f`. */
function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), mapStrings(v, f)])) as T;
  return value;
}

function block(key: string, value: object, src: string): string[] {
  if (Object.keys(value).length === 0) return [`${key}: {}  # ${src}`];
  const body = stringify(value, { collectionStyle: 'block' }).trimEnd().split('\n');
  return [`${key}:  # ${src}`, ...body.map((l) => `  ${l}`)];
}

/** `2s`, `1m`, `750ms`: the form a config file takes. */
function formatDuration(ms: number): string {
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms > 0 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function inline(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow' }).trimEnd();
}

function sourceNote(resolved: ResolvedConfig, key: ConfigKey): string {
  const src = resolved.sources[key];
  if (src === 'flag') return key.startsWith('mock.') ? 'flag' : `flag ${FLAG_NAMES[key as SettingKey]}`;
  if (src === 'env') {
    const table = key.startsWith('mock.') ? ENV_MOCK_SETTINGS : ENV_SETTINGS;
    const name = Object.entries(table).find(([, v]) => v.key === key.replace(/^mock\./, ''))?.[0];
    return name ? `env ${name}` : 'env';
  }
  return src;
}

/**
 * Redacts one value: the literal secrets of the config file and the secrets of the environment,
 * then key-shaped strings by pattern (the Redactor's second line of defence) — except in a value
 * holding `${VAR}` references: those are names, and a pattern would take `Bearer ${RELAY_TOKEN}`
 * for a credential.
 */
function redact(resolved: ResolvedConfig, value: string): string {
  return /\$\{[A-Za-z_][A-Za-z0-9_]*\}/.test(value) ? maskKnown(value, resolved) : redactorFor(resolved).text(value);
}

/** Only the exact known secrets, no patterns. */
function maskKnown(text: string, resolved: ResolvedConfig): string {
  let out = text;
  for (const secret of knownSecrets(resolved)) out = out.split(secret).join(MASK);
  return out;
}

function redactorFor(resolved: ResolvedConfig): Redactor {
  return new Redactor(knownSecrets(resolved));
}

/** Literal keys of the file, values of `api_key_env` variables, and the environment's secrets; longest first. */
function knownSecrets(resolved: ResolvedConfig): string[] {
  const literal: string[] = [];
  for (const t of Object.values(resolved.config.targets)) {
    if (t.api_key) literal.push(t.api_key);
    for (const [h, v] of Object.entries(t.headers ?? {})) {
      if (isLiteralSecretHeader(h, v)) literal.push(v, v.replace(/^(Bearer|Basic|Token)\s+/i, ''));
    }
    if (t.api_key_env && resolved.env[t.api_key_env]) literal.push(resolved.env[t.api_key_env]!);
  }
  return [...literal, ...secretsFromEnv(resolved.env)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
}
