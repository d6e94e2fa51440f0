/**
 * A zod failure → the service's error body: `invalid_request_error` with a code and a `param` path
 * spelled like the service's (`session.audio.input.format.rate`, `session.tools[0].server_label`).
 * Codes and wording follow the OpenAI API's validation errors (`invalid_type`, `invalid_value`,
 * `unknown_parameter`, `missing_required_parameter`, `decimal_above_max_value`, …).
 */
import type { z } from 'zod';
import type { ErrorTemplate } from '../errors.js';

type Issue = z.core.$ZodIssue;
type Path = ReadonlyArray<PropertyKey>;

/** `['session','tools',0,'name']` → `session.tools[0].name`. */
export function paramOf(path: Path): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** How the service names a JSON value's type: "a string", "an integer", "a decimal", "an object"… */
export function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a decimal';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'string') return 'a string';
  return 'an object';
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function quoteList(values: readonly unknown[]): string {
  const q = values.map((v) => `'${String(v)}'`);
  if (q.length <= 1) return q.join('');
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

const err = (code: string, message: string, param: string): ErrorTemplate => ({ type: 'invalid_request_error', code, message, param });

/** Expected values of a union branch that failed at the union's own path (for the message). */
function expectationOf(issues: readonly Issue[], depth: number): string | null {
  const own = issues.find((i) => i.path.length === depth);
  if (!own) return null;
  if (own.code === 'invalid_type') return EXPECTED[own.expected] ?? own.expected;
  if (own.code === 'invalid_value') return own.values.map((v) => `'${String(v)}'`).join(' or ');
  return null;
}

/**
 * A union failed: choose the branch the client most likely meant — one whose failure lies deeper
 * than the union itself (its shape matched, a field inside did not) and that does not reject the
 * discriminating `type`. When every branch failed at the union itself, report a type error listing
 * what would have been accepted.
 */
function fromUnion(issue: Extract<Issue, { code: 'invalid_union' }>, root: unknown, base: Path): ErrorTemplate {
  const here = [...base, ...issue.path];
  const depth = issue.path.length;
  const branches = issue.errors.map((errs) => errs.map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as Issue));
  const rejectsType = (errs: Issue[]) =>
    errs.some(
      (e) => e.path.length === depth + 1 && e.path[depth] === 'type' && (e.code === 'invalid_value' || e.code === 'invalid_type' || e.code === 'invalid_union'),
    );
  const candidates = branches.filter((errs) => errs.length > 0 && !rejectsType(errs));
  const deeper = candidates.filter((errs) => errs.every((e) => e.path.length > depth));
  // The value had the branch's shape (an object it accepted, apart from unknown keys).
  const shaped = candidates.filter((errs) => errs.every((e) => e.path.length > depth || e.code === 'unrecognized_keys'));
  const pool = deeper.length > 0 ? deeper : shaped;
  if (pool.length > 0) {
    const best = pool.reduce((a, b) => (b.length < a.length ? b : a));
    return fromIssue(best[0], root, base);
  }
  const value = valueAt(root, here);
  const param = paramOf(here);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'type' in value) {
    const types = branches.flatMap((errs) =>
      errs
        .filter((e) => e.path.length === depth + 1 && e.path[depth] === 'type' && e.code === 'invalid_value')
        .flatMap((e) => (e as { values: unknown[] }).values),
    );
    if (types.length > 0) {
      return err(
        'invalid_value',
        `Invalid value: '${String((value as { type: unknown }).type)}'. Supported values are: ${quoteList([...new Set(types)])}.`,
        `${param}.type`,
      );
    }
  }
  const expected = [...new Set(branches.map((errs) => expectationOf(errs, depth)).filter((x): x is string => x !== null))];
  if (typeof value === 'string' && expected.some((e) => e.startsWith("'")) && !expected.includes('a string')) {
    // A string where specific strings are accepted: name them (and the other shapes, if any).
    const values = expected.flatMap((e) => (e.startsWith("'") ? e.split(' or ').map((v) => v.slice(1, -1)) : []));
    const others = expected.filter((e) => !e.startsWith("'"));
    const list = quoteList(values) + (others.length ? `, or ${others.join(' or ')}` : '');
    return err('invalid_value', `Invalid value: '${value}'. Supported values are: ${list}.`, param);
  }
  return err(
    'invalid_type',
    `Invalid type for '${param}': expected one of ${expected.join(', ') || 'the documented shapes'}, but got ${describeType(value)} instead.`,
    param,
  );
}

function fromIssue(issue: Issue, root: unknown, base: Path = []): ErrorTemplate {
  const path = [...base, ...issue.path];
  const param = paramOf(path);
  const value = valueAt(root, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = paramOf([...path, issue.keys[0]]);
      return err('unknown_parameter', `Unknown parameter: '${key}'.`, key);
    }
    case 'invalid_type':
      if (value === undefined) return err('missing_required_parameter', `Missing required parameter: '${param}'.`, param);
      if (issue.expected === 'int' && typeof value === 'number') {
        return err('invalid_type', `Invalid type for '${param}': expected an integer, but got a decimal instead.`, param);
      }
      return err(
        'invalid_type',
        `Invalid type for '${param}': expected ${EXPECTED[issue.expected] ?? issue.expected}, but got ${describeType(value)} instead.`,
        param,
      );
    case 'invalid_value':
      if (value === undefined) return err('missing_required_parameter', `Missing required parameter: '${param}'.`, param);
      return err(
        'invalid_value',
        `Invalid value: '${typeof value === 'object' ? JSON.stringify(value) : String(value)}'. Supported values are: ${quoteList(issue.values)}.`,
        param,
      );
    case 'too_big':
    case 'too_small': {
      const above = issue.code === 'too_big';
      const limit = above ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum;
      const cmp = above ? '<=' : '>=';
      if (issue.origin === 'array') {
        const n = Array.isArray(value) ? value.length : 0;
        return err(
          `array_${above ? 'above_max' : 'below_min'}_length`,
          `Invalid '${param}': array too ${above ? 'long' : 'short'}. Expected an array with ${above ? 'maximum' : 'minimum'} length ${limit}, but got an array with length ${n} instead.`,
          param,
        );
      }
      if (issue.origin === 'string') {
        const n = typeof value === 'string' ? value.length : 0;
        return err(
          `string_${above ? 'above_max' : 'below_min'}_length`,
          `Invalid '${param}': string too ${above ? 'long' : 'short'}. Expected a string with ${above ? 'maximum' : 'minimum'} length ${limit}, but got a string with length ${n} instead.`,
          param,
        );
      }
      const kind = Number.isInteger(value) ? 'integer' : 'decimal';
      return err(
        `${kind}_${above ? 'above_max' : 'below_min'}_value`,
        `Invalid '${param}': ${kind} ${above ? 'above maximum' : 'below minimum'} value. Expected a value ${cmp} ${limit}, but got ${String(value)} instead.`,
        param,
      );
    }
    case 'invalid_union': {
      const disc = issue as { discriminator?: string; options?: unknown[] };
      if (disc.discriminator && issue.errors.length === 0) {
        if (value === undefined) return err('missing_required_parameter', `Missing required parameter: '${param}'.`, param);
        return err('invalid_value', `Invalid value: '${String(value)}'. Supported values are: ${quoteList(disc.options ?? [])}.`, param);
      }
      return fromUnion(issue, root, base);
    }
    default:
      return err('invalid_value', `Invalid '${param}': ${issue.message}.`, param);
  }
}

/** The first problem zod found, as the service would report it. */
export function toServiceError(error: z.ZodError, input: unknown): ErrorTemplate {
  return fromIssue(error.issues[0], input);
}
