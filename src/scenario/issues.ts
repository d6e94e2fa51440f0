import type { z } from 'zod';
import { describeValue, isIntegerCheck } from './describe.js';
import { formatPath, type PathSegment, type SourceMap } from './positions.js';
import { didYouMean } from './suggest.js';
import { unknownKeyMessage } from './unknown-keys.js';

/** A problem before it is given a file: where (resolved through the source map) and what. */
export interface LocatedMessage {
  line: number;
  col: number;
  message: string;
}

/** What the per-parse error map learns that zod's final issues do not carry. */
export interface IssueContext {
  /** The keys an object schema allows, by the input object that had unknown keys. */
  knownKeys: Map<unknown, string[]>;
}

// Minimal views of zod internals the messages are built from (zod keeps them on `_zod.def`).
interface CheckDef {
  check?: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  format?: string;
}
interface SchemaDef {
  type?: string;
  format?: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  shape?: Record<string, unknown>;
  innerType?: { _zod: { def: SchemaDef } };
  values?: unknown[];
  entries?: Record<string, unknown>;
}
interface RawIssue {
  code: string;
  input?: unknown;
  inst?: { _zod?: { def?: SchemaDef } };
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  origin?: string;
  values?: unknown[];
  expected?: string;
  format?: string;
  pattern?: string;
}

/**
 * The per-parse zod error map: one-line human messages (`expected a number ≥ 0, got "soon"`) for
 * the standard issue codes. Schema-level messages (unions, patterns) take precedence over it.
 */
export function makeErrorMap(ctx: IssueContext): z.core.$ZodErrorMap {
  const map = (iss: RawIssue): string | undefined => {
    const got = `got ${describeValue(iss.input)}`;
    switch (iss.code) {
      case 'invalid_type':
        return `expected ${describeSchema(iss.inst?._zod?.def, iss.expected)}, ${got}`;
      case 'too_small':
      case 'too_big':
        return `expected ${describeBound(iss)}, ${got}`;
      case 'invalid_value': {
        const values = iss.values ?? [];
        if (values.length === 1) return `expected ${JSON.stringify(values[0])}, ${got}`;
        const suggestion = typeof iss.input === 'string' ? didYouMean(iss.input, values.map(String)) : '';
        return `expected one of ${values.map((v) => (v === null ? 'null' : String(v))).join(', ')}, ${got}${suggestion}`;
      }
      case 'invalid_format':
        return `expected a string matching ${iss.pattern ?? iss.format}, ${got}`;
      case 'unrecognized_keys': {
        const shape = iss.inst?._zod?.def?.shape;
        if (shape) ctx.knownKeys.set(iss.input, Object.keys(shape));
        return 'unknown key';
      }
      case 'invalid_union':
        return `expected another kind of value, ${got}`;
      default:
        return undefined;
    }
  };
  return map as unknown as z.core.$ZodErrorMap;
}

function describeSchema(def: SchemaDef | undefined, expectedType?: string): string {
  if (!def) return expectedType ?? 'another value';
  switch (def.type) {
    case 'string':
      return def.checks?.some((c) => c._zod.def.check === 'min_length') ? 'a non-empty string' : 'a string';
    case 'number': {
      const isInt = def.format === 'safeint' || def.format === 'int32' || def.checks?.some((c) => c._zod.def.format === 'safeint');
      let lo: CheckDef | undefined;
      let hi: CheckDef | undefined;
      for (const c of def.checks ?? []) {
        if (c._zod.def.check === 'greater_than') lo = c._zod.def;
        if (c._zod.def.check === 'less_than') hi = c._zod.def;
      }
      const noun = isInt ? 'an integer' : 'a number';
      if (lo && hi) return `${noun} between ${lo.value} and ${hi.value}`;
      if (lo) return `${noun} ${lo.inclusive ? '≥' : '>'} ${lo.value}`;
      if (hi) return `${noun} ${hi.inclusive ? '≤' : '<'} ${hi.value}`;
      return noun;
    }
    case 'boolean':
      return 'true or false';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'array':
      return def.checks?.some((c) => c._zod.def.check === 'min_length') ? 'a non-empty list' : 'a list';
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).join(', ')}`;
    case 'literal':
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(' or ');
    case 'nullable':
      return `${describeSchema(def.innerType?._zod.def)} or null`;
    default:
      return expectedType === 'object' ? 'a mapping' : expectedType === 'array' ? 'a list' : (expectedType ?? 'another value');
  }
}

function describeBound(iss: RawIssue): string {
  const small = iss.code === 'too_small';
  const bound = Number(small ? iss.minimum : iss.maximum);
  if (iss.origin === 'array' || iss.origin === 'set') {
    if (small && bound === 1) return 'a non-empty list';
    return small ? `at least ${bound} items` : `at most ${bound} items`;
  }
  if (iss.origin === 'string') {
    if (small && bound === 1) return 'a non-empty string';
    return small ? `at least ${bound} characters` : `at most ${bound} characters`;
  }
  const op = small ? (iss.inclusive ? '≥' : '>') : iss.inclusive ? '≤' : '<';
  return `${isIntegerCheck(iss.inst) ? 'an integer' : 'a number'} ${op} ${bound}`;
}

/** Turns zod's final issues into located one-line messages, one per unknown key. */
export function locateIssues(issues: readonly z.core.$ZodIssue[], data: unknown, map: SourceMap, ctx: IssueContext): LocatedMessage[] {
  const out: LocatedMessage[] = [];
  // A refinement of an object with unknown keys ("give exactly one of …") judged it without them:
  // the unknown key is the problem to report.
  const withUnknownKeys = new Set(issues.filter((i) => i.code === 'unrecognized_keys').map((i) => i.path.join('\u0000')));
  for (const issue of issues) {
    if (issue.code === 'custom' && withUnknownKeys.has(issue.path.join('\u0000'))) continue;
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = ctx.knownKeys.get(valueAt(data, path)) ?? [];
      for (const key of issue.keys) {
        out.push({ ...map.key([...path, key]), message: prefix(path) + unknownKeyMessage(path, key, known) });
      }
      continue;
    }
    const last = path[path.length - 1];
    if (path.length > 0 && valueAt(data, path) === undefined && isContainer(valueAt(data, path.slice(0, -1)))) {
      // A missing required key: point at the mapping it is missing from.
      const parent = path.slice(0, -1);
      const options = issue.code === 'invalid_union' && 'options' in issue ? ` (${(issue.options as unknown[]).join(' or ')})` : '';
      out.push({ ...map.value(parent), message: `${prefix(parent)}missing required key "${String(last)}"${options}` });
      continue;
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue && 'options' in issue) {
      const options = (issue.options as unknown[]).map(String);
      const value = valueAt(data, path);
      const suggestion = typeof value === 'string' ? didYouMean(value, options) : '';
      out.push({ ...map.value(path), message: `${prefix(path)}expected ${options.join(' or ')}, got ${describeValue(value)}${suggestion}` });
      continue;
    }
    out.push({ ...map.value(path), message: prefix(path) + issue.message });
  }
  return dedupe(out);
}

function prefix(path: readonly PathSegment[]): string {
  return path.length === 0 ? '' : `${formatPath(path)}: `;
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

/** The data at a path, or undefined. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function dedupe(list: LocatedMessage[]): LocatedMessage[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    const k = `${m.line}:${m.col}:${m.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
