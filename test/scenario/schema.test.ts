import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, SCENARIO_SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText, writeScenarioJsonSchema } from '../../src/scenario/index.js';

describe('JSON Schema', () => {
  it('is generated from the zod definitions and describes the format', () => {
    type Node = { $ref?: string; properties?: Record<string, Node>; required?: string[]; additionalProperties?: boolean; $schema?: string };
    const schema = scenarioJsonSchema() as Node & { $defs: Record<string, Node> };
    const deref = (n: Node | undefined): Node => (n?.$ref ? schema.$defs[n.$ref.replace('#/$defs/', '')] : (n ?? {}));
    const props = (n: Node | undefined) => Object.keys(deref(n).properties ?? {});
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // `repeat` has a default, so authors may leave it out
    expect(schema.required?.sort()).toEqual(['name', 'turns']);
    expect(schema.additionalProperties).toBe(false);
    expect(props(schema)).toEqual(expect.arrayContaining(['name', 'session', 'turns', 'expect', 'matrix', 'repeat', 'mock']));
    // every contract metric is offered to editors at scenario level
    expect(props(schema.properties?.expect).sort()).toEqual([...METRIC_NAMES].sort());
    // matrix offers session settings by bare name and dotted path
    expect(props(schema.properties?.matrix)).toEqual(
      expect.arrayContaining(['model', 'target', 'silence_duration_ms', 'turn_detection.silence_duration_ms', 'voice']),
    );
  });

  // After changing the format: RTBENCH_UPDATE_SCHEMA=1 npx vitest run test/scenario/schema.test.ts
  // (or `rtbench schema > schema/scenario.schema.json`), and commit the file.
  it('matches the committed schema/scenario.schema.json', async () => {
    if (process.env.RTBENCH_UPDATE_SCHEMA) await writeScenarioJsonSchema();
    const committed = await readFile(SCENARIO_SCHEMA_FILE, 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });
});
