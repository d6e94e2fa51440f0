import { z } from 'zod';

/** How values are named in messages: `"soon"`, `-5`, `true`, `null`, `a list`, `a mapping`. */
export function describeValue(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (typeof input === 'string') return JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return input.length === 0 ? 'an empty list' : 'a list';
  if (typeof input === 'object') return Object.keys(input).length === 0 ? 'an empty mapping' : 'a mapping';
  return typeof input;
}

/** The minimal issue shape a schema-level error callback receives. */
interface RawIssueLike {
  code?: string;
  input?: unknown;
}

/**
 * A schema-level zod error callback: `expected <what>, got <value>` for a wrong type or a value no
 * union branch accepts; other issues fall through to the per-parse messages (see issues.ts).
 */
export function expected(what: string): (iss: RawIssueLike) => string | undefined {
  return (iss) =>
    iss.code === 'invalid_type' || iss.code === 'invalid_union' || iss.code === 'invalid_format' || iss.code === 'invalid_value'
      ? `expected ${what}, got ${describeValue(iss.input)}`
      : undefined;
}

/**
 * Range checks of integer schemas. A zod range issue names the failing check, not its schema, so
 * without this "repeat: 0" would read "expected a number ≥ 1" instead of "an integer ≥ 1".
 */
const INTEGER_CHECKS = new WeakSet<object>();

/** An integer schema whose range messages say "an integer". */
export function integer(min: number, max?: number): z.ZodInt {
  let schema = z.int().min(min);
  if (max !== undefined) schema = schema.max(max);
  for (const check of schema._zod.def.checks ?? []) INTEGER_CHECKS.add(check);
  return schema;
}

/** True for a range check that belongs to an {@link integer} schema. */
export function isIntegerCheck(inst: unknown): boolean {
  return typeof inst === 'object' && inst !== null && INTEGER_CHECKS.has(inst);
}
