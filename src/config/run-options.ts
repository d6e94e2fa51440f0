import type { BenchmarkOptions } from '../app/benchmark.js';
import type { ModelPrice } from '../metrics/cost.js';
import type { TargetConfig } from '../runner/targets.js';
import type { Problem } from '../scenario/errors.js';
import { ConfigError } from './errors.js';
import type { ResolvedConfig } from './resolve.js';
import { targetType, type NamedTargetSpec } from './schema.js';
import { envRefs, isLiteralSecretHeader } from './secrets.js';

/** {@link BenchmarkOptions} plus what the config holds that `runBenchmark` does not take yet. */
export interface ConfigRunOptions extends BenchmarkOptions {
  /** Price overrides by model; `executePlan` accepts them, `runBenchmark` does not pass them on yet. */
  prices?: Record<string, ModelPrice>;
}

/**
 * Turns a resolved config into `runBenchmark` options. Named targets become what the runner
 * understands: a `url` target its ws(s) URL plus headers (`${VAR}` expanded by the runner from
 * `env`), an `openai`/`azure` target the built-in one with its endpoint and key placed in `env`
 * (`OPENAI_BASE_URL`/`OPENAI_API_KEY`, `AZURE_OPENAI_ENDPOINT`/`…_API_VERSION`/`…_API_KEY`).
 *
 * The runner takes one environment and one header set per run, so two named targets that need
 * different ones cannot run together (a ConfigError says so).
 *
 * @throws ConfigError when a selected target reads a variable that is not set, or conflicts.
 */
export function toBenchmarkOptions(resolved: ResolvedConfig): ConfigRunOptions {
  const { config: c, sources } = resolved;
  const env: Record<string, string | undefined> = { ...resolved.env };
  const problems: Problem[] = [];
  const problemAt = (path: Array<string | number>, message: string) => {
    const pos = resolved.locate?.(path) ?? { line: 1, col: 1 };
    problems.push({ file: resolved.displayFile ?? 'config', ...pos, message });
  };
  const setEnv = new Map<string, { value: string; by: string }>();
  let targetConfig: TargetConfig | undefined;
  let targetConfigBy: string | undefined;
  const models = [...c.model];

  const targets = c.target.map((name) => {
    const t = c.targets[name];
    if (!t) return name;
    checkRefs(name, t, env, problemAt);
    const key = t.api_key_env ? env[t.api_key_env] : t.api_key;
    const put = (variable: string, value: string | undefined) => {
      if (value === undefined) return;
      const prior = setEnv.get(variable);
      if (prior && prior.value !== value)
        problemAt(
          ['targets', name],
          `targets.${name}: cannot run together with targets.${prior.by} (both set ${variable}; the runner takes one environment per run): run them separately`,
        );
      else setEnv.set(variable, { value, by: name });
    };
    switch (targetType(t)) {
      case 'openai':
        put('OPENAI_BASE_URL', t.url);
        put('OPENAI_API_KEY', key);
        return 'openai';
      case 'azure':
        put('AZURE_OPENAI_ENDPOINT', t.endpoint);
        put('AZURE_OPENAI_API_VERSION', t.api_version);
        put('AZURE_OPENAI_API_KEY', key);
        if (t.deployment && sources.model === 'default' && !models.includes(t.deployment)) models.push(t.deployment);
        return 'azure';
      default: {
        // Literal credentials travel through variables ending in _SECRET / _API_KEY, so the run's
        // redactor (secretsFromEnv) knows them and masks them in everything it writes.
        const prefix = `RTBENCH_TARGET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
        const headers: Record<string, string> = {};
        for (const [h, v] of Object.entries(t.headers ?? {})) {
          if (!isLiteralSecretHeader(h, v)) headers[h] = v;
          else {
            const variable = `${prefix}_${h.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_SECRET`;
            env[variable] = v;
            headers[h] = `\${${variable}}`;
          }
        }
        const hasAuth = Object.keys(headers).some((h) => /^(authorization|api-key)$/i.test(h));
        if (t.api_key_env && !hasAuth) headers.Authorization = `Bearer \${${t.api_key_env}}`;
        if (t.api_key !== undefined && !hasAuth) {
          env[`${prefix}_API_KEY`] = t.api_key;
          headers.Authorization = `Bearer \${${prefix}_API_KEY}`;
        }
        const cfg: TargetConfig = { headers, ...(t.dialect ? { dialect: t.dialect } : {}) };
        if (targetConfig && JSON.stringify(targetConfig) !== JSON.stringify(cfg)) {
          problemAt(
            ['targets', name],
            `targets.${name}: cannot run together with targets.${targetConfigBy} (different headers or dialect; the runner takes one set per run): run them separately`,
          );
        }
        targetConfig = cfg;
        targetConfigBy = name;
        return t.url!;
      }
    }
  });
  // The built-in openai/azure target reads the environment as given: a named one must not change it.
  for (const [variable, { by }] of setEnv) {
    const builtin = variable.startsWith('OPENAI_') ? 'openai' : 'azure';
    if (c.target.includes(builtin) && env[variable] !== setEnv.get(variable)!.value) {
      problemAt(['targets', by], `targets.${by}: cannot run together with the built-in target "${builtin}" (it changes ${variable}): run them separately`);
    }
    env[variable] = setEnv.get(variable)!.value;
  }
  if (problems.length) throw new ConfigError(problems);

  const m = c.mock;
  const mock = {
    ...(m.first_audio_ms !== undefined ? { firstAudioMs: m.first_audio_ms } : {}),
    ...(m.jitter_ms !== undefined ? { jitterMs: m.jitter_ms } : {}),
    ...(m.profile !== undefined ? { profile: m.profile } : {}),
    ...(m.profile_file !== undefined ? { profileFile: m.profile_file } : {}),
    ...(m.seed !== undefined ? { seed: m.seed } : {}),
  };
  const named = c.target.map((n) => c.targets[n]).filter((t): t is NamedTargetSpec => Boolean(t));
  return {
    paths: c.scenarios,
    targets,
    ...(models.length ? { models } : {}),
    ...(c.network.length ? { networks: c.network } : {}),
    ...(c.repeat !== undefined ? { repeat: c.repeat } : {}),
    concurrency: c.concurrency,
    rampMs: c.ramp,
    clock: c.clock,
    ...(c.out !== undefined ? { out: c.out } : {}),
    reporters: c.reporters,
    seed: c.seed,
    // Passed only when chosen: a run-wide dialect would hide a named target's own.
    ...(sources.dialect !== 'default'
      ? { dialect: c.dialect }
      : named.length === 1 && named[0].dialect && targetType(named[0]) !== 'url'
        ? { dialect: named[0].dialect }
        : {}),
    insecure: c.insecure,
    turnTimeoutMs: c.turn_timeout,
    ...(c.baseline !== undefined ? { baseline: c.baseline } : {}),
    ...(c.thresholds.length ? { thresholds: c.thresholds } : {}),
    ...(Object.keys(mock).length ? { mock } : {}),
    ...(targetConfig ? { target: targetConfig } : {}),
    ...(Object.keys(c.prices).length ? { prices: c.prices } : {}),
    env,
  };
}

/** Every variable a selected named target reads must be set. */
function checkRefs(
  name: string,
  t: NamedTargetSpec,
  env: Record<string, string | undefined>,
  problemAt: (path: Array<string | number>, message: string) => void,
): void {
  for (const [h, v] of Object.entries(t.headers ?? {})) {
    for (const ref of envRefs(v)) {
      if (!env[ref]) problemAt(['targets', name, 'headers', h], `targets.${name}.headers.${h}: \${${ref}} is not set (in the environment or .env)`);
    }
  }
  if (t.api_key_env && !env[t.api_key_env])
    problemAt(['targets', name, 'api_key_env'], `targets.${name}.api_key_env: ${t.api_key_env} is not set (in the environment or .env)`);
}
