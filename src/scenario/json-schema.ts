import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ScenarioSchema } from './schema.js';

/** Where the committed copy of the schema lives, relative to the repository root. */
export const SCENARIO_SCHEMA_FILE = 'schema/scenario.schema.json';

/**
 * The JSON Schema of the scenario format, generated from the same zod definitions that validate
 * scenarios (so it cannot drift). Editors use it through
 * `# yaml-language-server: $schema=../schema/scenario.schema.json`. This is `rtbench schema`.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  // io: 'input' describes what an author writes: keys with defaults are optional. Schemas given an
  // `id` in schema.ts become named $defs.
  return z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** The schema as the committed file holds it: 2-space JSON with a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** Writes the schema file (default {@link SCENARIO_SCHEMA_FILE}); run after changing the format. */
export async function writeScenarioJsonSchema(file: string = SCENARIO_SCHEMA_FILE): Promise<void> {
  await writeFile(file, scenarioJsonSchemaText());
}
