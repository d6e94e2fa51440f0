/**
 * Function-call arguments the model would plausibly send: valid against the tool's declared JSON
 * Schema (required properties present, types, enums, consts, nested objects and arrays, numeric and
 * length bounds). Deterministic: the same schema always gives the same arguments, so a test can
 * assert them. Optional properties are left out, as a terse model does.
 */
type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Example strings for common parameter names; otherwise `"<name>"`-like text. */
const EXAMPLES: Record<string, string> = {
  city: 'Paris',
  location: 'Paris, France',
  country: 'France',
  query: 'weather in Paris',
  q: 'weather in Paris',
  name: 'Ada',
  email: 'ada@example.com',
  date: '2026-01-15',
  time: '12:00',
  url: 'https://example.com',
  unit: 'celsius',
  language: 'en',
  text: 'hello',
};

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return (s.type as string[]).find((t) => t !== 'null') ?? 'null';
  if (typeof s.type === 'string') return s.type;
  if (isSchema(s.properties)) return 'object';
  if (isSchema(s.items)) return 'array';
  return undefined;
}

function stringFor(s: Schema, key: string): string {
  if (s.format === 'date') return '2026-01-15';
  if (s.format === 'date-time') return '2026-01-15T12:00:00Z';
  if (s.format === 'email') return 'ada@example.com';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.com';
  let v = EXAMPLES[key.toLowerCase()] ?? (key ? key.replace(/_/g, ' ') : 'example');
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  while (v.length < min) v += 'x';
  return v.slice(0, max);
}

function numberFor(s: Schema, integer: boolean): number {
  const lo = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const hi = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 0.5) : undefined;
  let v = lo ?? (hi !== undefined ? Math.min(1, hi) : 1);
  if (integer) v = Math.ceil(v);
  return v;
}

/** One value valid against `schema`; `key` is the property name it fills (for example strings). */
export function exampleFor(schema: unknown, key = '', depth = 0): unknown {
  if (!isSchema(schema) || depth > 8) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('default' in schema) return schema.default;
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[k];
    if (Array.isArray(list) && list.length > 0) {
      if (k === 'allOf') return Object.assign({}, ...list.map((s) => exampleFor(s, key, depth + 1)));
      const nonNull = list.find((s) => isSchema(s) && s.type !== 'null') ?? list[0];
      return exampleFor(nonNull, key, depth + 1);
    }
  }
  switch (typeOf(schema)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = isSchema(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      for (const name of required) out[name] = exampleFor(props[name] ?? {}, name, depth + 1);
      return out;
    }
    case 'array': {
      const n = typeof schema.minItems === 'number' ? schema.minItems : 1;
      return Array.from({ length: n }, () => exampleFor(schema.items ?? { type: 'string' }, key, depth + 1));
    }
    case 'string':
      return stringFor(schema, key);
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return stringFor(schema, key);
  }
}

/** Arguments (a JSON string) for a tool with these declared `parameters`. */
export function argumentsFor(parameters: unknown): string {
  const v = exampleFor(parameters ?? { type: 'object' });
  return JSON.stringify(isSchema(v) ? v : {});
}
