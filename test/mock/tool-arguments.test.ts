/**
 * Generated function-call arguments satisfy the declared JSON Schema: required properties only,
 * enums, consts, types, numeric and length bounds, nested objects and arrays.
 */
import { describe, expect, it } from 'vitest';
import { argumentsFor, exampleFor } from '../../src/mock/responses/tool-arguments.js';

describe('argumentsFor', () => {
  it('fills required properties of every type, leaves optional ones out', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['fahrenheit', 'celsius'] },
        days: { type: 'integer', minimum: 3, maximum: 10 },
        ratio: { type: 'number', exclusiveMinimum: 0 },
        exact: { type: 'boolean' },
        kind: { const: 'forecast' },
        note: { type: 'string' },
        place: {
          type: 'object',
          properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, tags: { type: 'array', items: { type: 'string', minLength: 3 }, minItems: 2 } },
          required: ['lat', 'tags'],
        },
        code: { type: ['string', 'null'], maxLength: 2 },
      },
      required: ['city', 'unit', 'days', 'ratio', 'exact', 'kind', 'place', 'code'],
    };
    expect(JSON.parse(argumentsFor(schema))).toEqual({
      city: 'Paris',
      unit: 'fahrenheit',
      days: 3,
      ratio: 0.5,
      exact: true,
      kind: 'forecast',
      place: { lat: -90, tags: ['tags', 'tags'] },
      code: 'co',
    });
  });

  it('anyOf picks a non-null branch; formats get valid examples; no schema gives {}', () => {
    expect(exampleFor({ anyOf: [{ type: 'null' }, { type: 'integer', minimum: 7 }] })).toBe(7);
    expect(exampleFor({ type: 'string', format: 'date' })).toBe('2026-01-15');
    expect(exampleFor({ type: 'string', format: 'email' })).toBe('ada@example.com');
    expect(argumentsFor(undefined)).toBe('{}');
    expect(argumentsFor({ type: 'object', properties: { a: { type: 'string' } } })).toBe('{}');
  });
});
