import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Document, LineCounter, parseDocument } from 'yaml';
import type { Problem } from '../scenario/errors.js';
import { locateIssues, makeErrorMap, valueAt, type IssueContext, type LocatedMessage } from '../scenario/issues.js';
import { SourceMap, formatPath, type PathSegment, type Position } from '../scenario/positions.js';
import { closest } from '../scenario/suggest.js';
import type { z } from 'zod';
import { BUILTIN_TARGETS, CONFIG_KEYS, ConfigFileSchema, EXTENSION_KEY, type ConfigFileSpec } from './schema.js';
import { isLiteralSecretHeader } from './secrets.js';

/** A config file read and checked. `spec` is set when it has no problems. */
export interface LoadedConfigFile {
  /** Absolute path. */
  path: string;
  /** The path as shown in messages. */
  displayFile: string;
  spec?: ConfigFileSpec;
  problems: Problem[];
  /** Accepted but discouraged (a literal API key in the file), as `file:line:col message`. */
  warnings: string[];
  /** Where a value (or, with `'key'`, its key) is written; 1:1 for a module config. */
  locate(path: readonly PathSegment[], which?: 'key' | 'value'): Position;
}

/**
 * Reads and validates a config file: YAML (`.yaml`/`.yml`), JSON (`.json`, parsed as YAML 1.2 so
 * positions are kept) or an ES module (`.mjs`/`.js`) whose default export is the config object.
 * Never throws for content problems: they are returned, located.
 */
export async function loadConfigFile(path: string, displayFile: string): Promise<LoadedConfigFile> {
  const ext = extname(path).toLowerCase();
  if (ext === '.mjs' || ext === '.js') return loadModule(path, displayFile);
  if (ext === '.ts' || ext === '.mts' || ext === '.cts') {
    return fail(path, displayFile, 'TypeScript config files cannot be loaded on Node 20 without a loader: use rtbench.config.mjs, .yaml or .json');
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return fail(path, displayFile, `cannot read the config file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseConfigText(text, path, displayFile);
}

/** Validates config text (YAML or JSON). */
export function parseConfigText(text: string, path: string, displayFile: string): LoadedConfigFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  const map = new SourceMap(doc, lineCounter);
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({ file: displayFile, ...map.at(e.pos[0]), message: `YAML syntax error: ${oneLine(e.message)}` }));
    return { path, displayFile, problems, warnings: [], locate: locator(map) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    return fail(path, displayFile, `YAML: ${oneLine((err as Error).message)}`);
  }
  return validate(data, path, displayFile, map);
}

async function loadModule(path: string, displayFile: string): Promise<LoadedConfigFile> {
  let data: unknown;
  try {
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    data = typeof mod.default === 'function' ? await (mod.default as () => unknown)() : mod.default;
  } catch (err) {
    return fail(path, displayFile, `cannot load the config module: ${oneLine((err as Error).message)}`);
  }
  if (data === undefined) return fail(path, displayFile, 'the config module has no default export');
  return validate(data, path, displayFile, new SourceMap(new Document(), new LineCounter()));
}

function validate(data: unknown, path: string, displayFile: string, map: SourceMap): LoadedConfigFile {
  const base = { path, displayFile, locate: locator(map) };
  const located = (list: LocatedMessage[]): Problem[] => list.map((m) => ({ file: displayFile, ...m }));
  // An empty file is a valid config that sets nothing.
  if (data === null || data === undefined) return { ...base, spec: {}, problems: [], warnings: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ...base, problems: located([{ ...map.value([]), message: 'expected a mapping of settings (target: …, model: …)' }]), warnings: [] };
  }
  const input = Object.fromEntries(Object.entries(data).filter(([k]) => !EXTENSION_KEY.test(k)));
  const ctx: IssueContext = { knownKeys: new Map() };
  const parsed = ConfigFileSchema.safeParse(input, { error: makeErrorMap(ctx), reportInput: true });
  const problems = [...(parsed.success ? [] : locateConfigIssues(parsed.error.issues, input, map, ctx)), ...targetNameProblems(input, map)];
  if (!parsed.success || problems.length) return { ...base, problems: located(problems), warnings: [] };
  const spec = parsed.data;
  return { ...base, spec, problems: [], warnings: secretWarnings(spec, map, displayFile) };
}

/** Named targets cannot shadow a built-in target or look like a URL. */
function targetNameProblems(input: { targets?: unknown }, map: SourceMap): LocatedMessage[] {
  const targets = input.targets;
  if (typeof targets !== 'object' || targets === null || Array.isArray(targets)) return [];
  const out: LocatedMessage[] = [];
  for (const name of Object.keys(targets)) {
    if ((BUILTIN_TARGETS as readonly string[]).includes(name)) {
      out.push({ ...map.key(['targets', name]), message: `targets.${name}: "${name}" is a built-in target; give this one another name` });
    } else if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
      out.push({ ...map.key(['targets', name]), message: `targets.${name}: a target name is letters, digits, ".", "_" and "-"` });
    }
  }
  return out;
}

/** zod issues → located messages; unknown keys get config-specific "did you mean" hints. */
function locateConfigIssues(issues: readonly z.core.$ZodIssue[], input: unknown, map: SourceMap, ctx: IssueContext): LocatedMessage[] {
  const out: LocatedMessage[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    const known = path.length === 0 ? CONFIG_KEYS : (ctx.knownKeys.get(valueAt(input, path)) ?? []);
    for (const key of issue.keys) {
      const prefix = path.length ? `${formatPath(path)}: ` : '';
      out.push({ ...map.key([...path, key]), message: `${prefix}unknown key "${key}"${hint(path, key, known)}` });
    }
  }
  return [
    ...out,
    ...locateIssues(
      issues.filter((i) => i.code !== 'unrecognized_keys'),
      input,
      map,
      ctx,
    ),
  ];
}

function hint(path: readonly PathSegment[], key: string, known: readonly string[]): string {
  if (path.length === 0) {
    if (/^(api[-_]?key|openai_api_key|azure_openai_api_key|key|token)$/i.test(key)) {
      return ' (API keys come from the environment: OPENAI_API_KEY, AZURE_OPENAI_API_KEY, or targets.<name>.api_key_env)';
    }
    if (['first_audio_ms', 'jitter_ms', 'profile'].includes(key)) return ` (did you mean mock.${key}?)`;
    if (['url', 'headers', 'endpoint', 'api_version', 'deployment'].includes(key)) return ` (did you mean targets.<name>.${key}?)`;
  }
  const best = closest(key, known);
  return best ? ` (did you mean ${best}?)` : '';
}

function secretWarnings(spec: ConfigFileSpec, map: SourceMap, displayFile: string): string[] {
  const out: string[] = [];
  const warn = (path: PathSegment[], what: string) => {
    const { line, col } = map.value(path);
    out.push(`${displayFile}:${line}:${col} ${formatPath(path)} ${what}; prefer a reference to the environment (keys in files end up in git)`);
  };
  for (const [name, t] of Object.entries(spec.targets ?? {})) {
    if (t.api_key !== undefined) warn(['targets', name, 'api_key'], 'is a literal API key');
    for (const [h, v] of Object.entries(t.headers ?? {})) if (isLiteralSecretHeader(h, v)) warn(['targets', name, 'headers', h], 'is a literal credential');
  }
  return out;
}

function locator(map: SourceMap): LoadedConfigFile['locate'] {
  return (path, which = 'value') => (which === 'key' ? map.key(path) : map.value(path));
}

function fail(path: string, displayFile: string, message: string): LoadedConfigFile {
  return { path, displayFile, problems: [{ file: displayFile, line: 1, col: 1, message }], warnings: [], locate: () => ({ line: 1, col: 1 }) };
}

/** yaml's messages may span lines (context excerpts); keep the first, without the position suffix. */
function oneLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}
