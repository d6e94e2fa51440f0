/**
 * Derives invalid client events from the mock's client-event schemas — which `sdk-types.ts` proves
 * equal to the `openai` package's realtime types at compile time, so these cases follow the SDK's
 * types. For every field reachable in an event (through objects, optional/nullable wrappers, union
 * branches and array elements) it makes: a value of a wrong JSON type, a value outside a declared
 * numeric range or array length, and an unknown parameter beside it.
 */
import type { z } from 'zod';

export interface InvalidCase {
  name: string;
  event: Record<string, unknown>;
  /** The `param` the service names. */
  param: string;
  codes: string[];
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: z.ZodType): z.ZodType {
  let d = defOf(s);
  while (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') {
    s = d.innerType as z.ZodType;
    d = defOf(s);
  }
  return s;
}

const isOptional = (s: z.ZodType) => defOf(s).type === 'optional';

/** The smallest valid value of a schema (required keys only). */
export function minimal(s: z.ZodType): unknown {
  const d = defOf(s);
  switch (d.type) {
    case 'optional':
    case 'nullable':
      return minimal(d.innerType as z.ZodType);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape as Record<string, z.ZodType>)) if (!isOptional(v)) out[k] = minimal(v);
      return out;
    }
    case 'literal':
      return (d.values as unknown[])[0];
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0];
    case 'string':
      return 'x';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'union':
      return minimal((d.options as z.ZodType[])[0]);
    default:
      return {};
  }
}

function numberBounds(s: z.ZodType): { min?: number; max?: number } {
  const bag = (s as unknown as { _zod: { bag: { minimum?: number; maximum?: number } } })._zod.bag;
  return { min: bag.minimum, max: bag.maximum };
}

const CANDIDATES: unknown[] = ['zz-not-valid', 4.5, true, [1], { bogus: 1 }];
const paramOf = (path: PropertyKey[]) =>
  path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out ? `${out}.${String(k)}` : String(k)), '');

function setAt(root: Record<string, unknown>, path: PropertyKey[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  let cur: Record<PropertyKey, unknown> = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<PropertyKey, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

/** All invalid variants of one event schema. `skip` names paths not to descend into. */
export function deriveInvalid(type: string, schema: z.ZodType, skip: ReadonlySet<string> = new Set()): InvalidCase[] {
  const cases: InvalidCase[] = [];
  const base = minimal(schema) as Record<string, unknown>;
  const visit = (s: z.ZodType, root: Record<string, unknown>, path: PropertyKey[]): void => {
    const inner = unwrap(s);
    const d = defOf(inner);
    const param = paramOf(path);
    if (skip.has(param.replace(/\[\d+\]/g, '[]'))) return;
    if (path.length > 0 && path[path.length - 1] !== 'type') {
      const wrong = CANDIDATES.find((c) => !s.safeParse(c).success && !(c === null));
      if (wrong !== undefined)
        cases.push({ name: `${type}: ${param} = ${JSON.stringify(wrong)}`, event: setAt(root, path, wrong), param, codes: ['invalid_type', 'invalid_value'] });
    }
    if (d.type === 'number') {
      const { min, max } = numberBounds(inner);
      if (max !== undefined && Number.isFinite(max)) {
        cases.push({
          name: `${type}: ${param} above ${max}`,
          event: setAt(root, path, max + 1),
          param,
          codes: ['integer_above_max_value', 'decimal_above_max_value'],
        });
      }
      if (min !== undefined && Number.isFinite(min)) {
        cases.push({
          name: `${type}: ${param} below ${min}`,
          event: setAt(root, path, min - 1),
          param,
          codes: ['integer_below_min_value', 'decimal_below_min_value'],
        });
      }
    }
    if (d.type === 'object') {
      const here = path.length ? (structuredClone(minimal(inner)) as Record<string, unknown>) : root;
      const rootHere = path.length ? setAt(root, path, here) : root;
      cases.push({
        name: `${type}: unknown ${paramOf([...path, 'bogus_param'])}`,
        event: setAt(rootHere, [...path, 'bogus_param'], 1),
        param: paramOf([...path, 'bogus_param']),
        codes: ['unknown_parameter'],
      });
      for (const [k, v] of Object.entries(d.shape as Record<string, z.ZodType>)) {
        if (k === 'type' && path.length === 0) continue;
        if (!isOptional(v) && path.length > 0 && k !== 'type') {
          const without = structuredClone(here);
          delete without[k];
          cases.push({
            name: `${type}: missing ${paramOf([...path, k])}`,
            event: setAt(root, path, without),
            param: paramOf([...path, k]),
            codes: ['missing_required_parameter'],
          });
        }
        const child = unwrap(v);
        const childValue = structuredClone(minimal(child));
        visit(v, setAt(rootHere, [...path, k], childValue), [...path, k]);
      }
    } else if (d.type === 'union') {
      for (const option of d.options as z.ZodType[]) {
        if (defOf(unwrap(option)).type !== 'object') continue;
        visit(option, setAt(root, path, structuredClone(minimal(option))), path);
      }
    } else if (d.type === 'array') {
      const element = d.element as z.ZodType;
      const max = (inner as unknown as { _zod: { bag: { maximum?: number } } })._zod.bag.maximum;
      if (max !== undefined && Number.isFinite(max)) {
        const items = Array.from({ length: max + 1 }, (_, i) => minimal(element) ?? i);
        const distinct =
          defOf(unwrap(element)).type === 'enum' ? Object.values(defOf(unwrap(element)).entries as Record<string, unknown>).slice(0, max + 1) : items;
        cases.push({ name: `${type}: ${param} too long`, event: setAt(root, path, distinct), param, codes: ['array_above_max_length'] });
      }
      if (['object', 'union'].includes(defOf(unwrap(element)).type)) {
        visit(element, setAt(root, path, [structuredClone(minimal(element))]), [...path, 0]);
      }
    }
  };
  visit(schema, base, []);
  // A case is only kept when the event really is invalid as a whole.
  const seen = new Set<string>();
  return cases.filter((c) => {
    const key = JSON.stringify(c.event);
    if (seen.has(key) || schema.safeParse(c.event).success) return false;
    seen.add(key);
    return true;
  });
}
