import { parseNetwork } from '../network/spec.js';
import { z } from 'zod';
import { profileNames } from '../mock/behaviour/profiles.js';
import { REPORTER_NAMES } from '../report/reporter.js';
import { describeValue } from '../scenario/describe.js';
import { didYouMean } from '../scenario/suggest.js';
import { parseThreshold } from '../stats/threshold.js';

/**
 * The config file format (`rtbench.config.yaml`) as zod schemas. Each top-level field schema is
 * also used alone to validate the same setting from an `RTBENCH_*` variable or a flag, so a value
 * is judged — and worded — the same wherever it comes from.
 */

/** `expected <what>, got <value>` for every issue of a schema (type and range alike). */
function says(what: string) {
  return { error: (iss: { input?: unknown }) => `expected ${what}, got ${describeValue(iss.input)}` };
}

/** An enum whose message lists the choices and suggests the nearest one. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (iss) =>
      `expected one of ${values.join(', ')}, got ${describeValue(iss.input)}${typeof iss.input === 'string' ? didYouMean(iss.input, values) : ''}`,
  });

const wholeNumber = (min: number) => z.int(says(`a whole number ≥ ${min}`)).min(min, says(`a whole number ≥ ${min}`));
const nonNegative = (what: string) => z.number(says(what)).min(0, says(what));
const text = z.string(says('a non-empty string')).min(1, says('a non-empty string'));

/** `1500`, `"1500ms"`, `"2s"`, `"1.5s"`, `"1m"`. */
const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/;
const DURATION_HINT = 'a duration like 500ms, 2s or 1m (a bare number is milliseconds)';

/** Milliseconds of a duration text or number; NaN when it is not one. */
export function durationMs(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = DURATION.exec(value);
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n;
}

const duration = (positive: boolean) =>
  z
    .union([z.number(), z.string()], says(DURATION_HINT))
    .refine(
      (v) => {
        const ms = durationMs(v);
        return Number.isFinite(ms) && (positive ? ms > 0 : ms >= 0);
      },
      says(positive ? `${DURATION_HINT}, longer than 0` : DURATION_HINT),
    )
    .transform(durationMs);

/** A string or a non-empty list of strings, always a list once parsed. */
const oneOrMore = <T extends z.ZodType<string>>(item: T, what: string) =>
  z
    .union([item, z.array(item).min(1, says(`a non-empty list of ${what}`))], says(`${what.replace(/s$/, '')} or a list of ${what}`))
    .transform((v) => (Array.isArray(v) ? v : [v]));

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A named target: `targets: { my-relay: { url: wss://…, headers: {…} } }`, used as `--target my-relay`. */
export const NamedTargetSchema = z
  .strictObject({
    type: oneOf(['openai', 'azure', 'url']).optional(),
    url: text.optional(),
    headers: z.record(z.string(), z.string(says('a string (use ${VAR} to read the environment)')), says('a mapping of header names to values')).optional(),
    dialect: oneOf(['ga', 'beta']).optional(),
    endpoint: text.optional(),
    api_version: text.optional(),
    deployment: text.optional(),
    api_key_env: z
      .string(says('the name of an environment variable'))
      .regex(ENV_NAME, says('the name of an environment variable, e.g. RELAY_API_KEY'))
      .optional(),
    api_key: text.optional(),
  })
  .superRefine((t, ctx) => {
    const type = targetType(t);
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message, input: t });
    if (type === undefined) issue('url', 'a named target needs a ws:// or wss:// url, or type: openai or azure');
    if (type === 'url' && t.url !== undefined && !/^wss?:\/\//i.test(t.url)) issue('url', `expected a ws:// or wss:// URL, got ${JSON.stringify(t.url)}`);
    if (type === 'openai' && t.url !== undefined && !/^https?:\/\//i.test(t.url))
      issue('url', `for type openai, expected the API base URL (https://host/v1), got ${JSON.stringify(t.url)}`);
    if (t.endpoint !== undefined && !/^https?:\/\//i.test(t.endpoint))
      issue('endpoint', `expected https://<resource>.openai.azure.com, got ${JSON.stringify(t.endpoint)}`);
    for (const key of ['endpoint', 'api_version', 'deployment'] as const) {
      if (t[key] !== undefined && type !== 'azure') issue(key, 'applies to type: azure only');
    }
    if (t.headers && type !== 'url') issue('headers', 'applies to ws(s) URL targets only (type: url)');
    if (t.api_key !== undefined && t.api_key_env !== undefined) issue('api_key', 'give api_key_env or api_key, not both');
  });

export type NamedTargetSpec = z.output<typeof NamedTargetSchema>;

/** `type`, or what `url` implies (a ws(s) URL makes a `url` target). */
export function targetType(t: Pick<NamedTargetSpec, 'type' | 'url'>): 'openai' | 'azure' | 'url' | undefined {
  if (t.type) return t.type;
  return t.url !== undefined && /^wss?:\/\//i.test(t.url) ? 'url' : undefined;
}

const PROFILE_NAMES = profileNames();

/** Settings of the bundled mock (what `rtbench mock --first-audio-ms …` takes). */
export const MockSettingsSchema = z.strictObject({
  first_audio_ms: nonNegative('a number of milliseconds ≥ 0').optional(),
  jitter_ms: nonNegative('a number of milliseconds ≥ 0').optional(),
  profile: z
    .string(says(`one of ${PROFILE_NAMES.join(', ')}`))
    .refine((p) => PROFILE_NAMES.includes(p), {
      error: (iss) => `expected one of ${PROFILE_NAMES.join(', ')}, got ${describeValue(iss.input)}${didYouMean(String(iss.input), PROFILE_NAMES)}`,
    })
    .optional(),
  profile_file: z.string(says('the path of a mock profile file (rtbench calibrate --out)')).min(1).optional(),
  seed: z.int(says('a whole number')).optional(),
});

const price = nonNegative('a price ≥ 0 (USD per 1M tokens)');

/** USD per 1M tokens, every rate given (see metrics/cost.ts `ModelPrice`). */
export const ModelPriceSchema = z.strictObject({
  text_input: price,
  text_cached_input: price,
  text_output: price,
  audio_input: price,
  audio_cached_input: price,
  audio_output: price,
});

const ThresholdSchema = z.string(says('a threshold like first_audio_ms.p95=+10%')).superRefine((s, ctx) => {
  try {
    parseThreshold(s);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message, input: s });
  }
});

/**
 * One schema per setting that flags, `RTBENCH_*` variables and the file share. Durations are
 * milliseconds once parsed; `model`, `target`, `scenarios` are lists once parsed.
 */
export const SETTING_SCHEMAS = {
  target: oneOrMore(text, 'targets'),
  model: oneOrMore(text, 'models'),
  network: oneOrMore(
    text.superRefine((v, ctx) => {
      try {
        parseNetwork(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message.replace(`--network ${v}: `, ''), input: v });
      }
    }),
    'networks',
  ),
  dialect: oneOf(['ga', 'beta']),
  repeat: wholeNumber(1),
  concurrency: wholeNumber(1),
  ramp: duration(false),
  clock: oneOf(['real', 'virtual']),
  out: text,
  reporters: z.array(oneOf(REPORTER_NAMES), says(`a list of reporters (${REPORTER_NAMES.join(', ')})`)).min(1, says('a non-empty list of reporters')),
  seed: z.int(says('a whole number')),
  turn_timeout: duration(true),
  insecure: z.boolean(says('true or false')),
  scenarios: oneOrMore(text, 'paths'),
  thresholds: z.array(ThresholdSchema, says('a list of thresholds like first_audio_ms.p95=+10%')),
  baseline: text,
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;

/** The whole file: every setting plus the sections only a file can hold. */
export const ConfigFileSchema = z.strictObject({
  ...(Object.fromEntries(Object.entries(SETTING_SCHEMAS).map(([k, s]) => [k, s.optional()])) as {
    [K in SettingKey]: z.ZodOptional<(typeof SETTING_SCHEMAS)[K]>;
  }),
  targets: z.record(z.string(), NamedTargetSchema, says('a mapping of target names to { url, headers, … }')).optional(),
  mock: MockSettingsSchema.optional(),
  prices: z.record(z.string(), ModelPriceSchema, says('a mapping of model names to prices')).optional(),
});

export type ConfigFileSpec = z.output<typeof ConfigFileSchema>;

/** The top-level keys a config file may hold, for "did you mean". */
export const CONFIG_KEYS = Object.keys(ConfigFileSchema.shape);

/** Top-level keys matching this are ignored (anchors, notes), as in scenario files. */
export const EXTENSION_KEY = /^x-/;

/** Target names with a built-in meaning; a named target cannot take them. */
export const BUILTIN_TARGETS = ['mock', 'openai', 'azure'] as const;
