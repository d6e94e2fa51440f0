/**
 * The compile-time check catches drift: schemas that differ from the `openai` types in one value,
 * one optional field or one type are rejected by `Same` (each `@ts-expect-error` below would itself
 * fail `npm run typecheck` if the check let the drift through).
 */
import type * as GA from 'openai/resources/realtime/realtime';
import type * as GA7 from 'openai7/resources/realtime/realtime';
import { expect, it } from 'vitest';
import { z } from 'zod';
import type { Accepts, Check, Same } from '../../../src/mock/validate/sdk-types.js';
import { audioTranscription, noiseReduction, semanticVad } from '../../../src/mock/validate/ga-session.js';

const missingEnumValue = z.strictObject({
  type: z.literal('semantic_vad'),
  create_response: z.boolean().optional(),
  eagerness: z.enum(['low', 'medium', 'high']).optional(),
  interrupt_response: z.boolean().optional(),
});
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- read only as a type, by the compile-time checks below
const missingOptionalField = z.strictObject({
  type: z.literal('semantic_vad'),
  create_response: z.boolean().optional(),
  eagerness: z.enum(['low', 'medium', 'high', 'auto']).optional(),
});
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- read only as a type, by the compile-time checks below
const wrongType = z.strictObject({
  type: z.literal('semantic_vad'),
  create_response: z.string().optional(),
  eagerness: z.enum(['low', 'medium', 'high', 'auto']).optional(),
  interrupt_response: z.boolean().optional(),
});
type SdkSemanticVad = GA.RealtimeAudioInputTurnDetection.SemanticVad;

export type Drift = [
  // @ts-expect-error an enum value missing
  Check<{ x: Same<z.infer<typeof missingEnumValue>, SdkSemanticVad> }>,
  // @ts-expect-error an optional field missing (plain assignability would accept this)
  Check<{ x: Same<z.infer<typeof missingOptionalField>, SdkSemanticVad> }>,
  // @ts-expect-error a field of another type
  Check<{ x: Same<z.infer<typeof wrongType>, SdkSemanticVad> }>,
  Check<{ x: Same<z.infer<typeof semanticVad>, SdkSemanticVad> }>,
];

/** What the mock knew before openai 7.x: noise reduction without `strength`. */
const noStrength = z.strictObject({ type: z.enum(['near_field', 'far_field']).optional() });
type Sdk7NoiseReduction = GA7.RealtimeAudioConfigInput.NoiseReduction;
type Sdk6NoiseReduction = GA.RealtimeAudioConfigInput.NoiseReduction;

export type Drift7 = [
  // @ts-expect-error a field only the newest SDK (7.x) has: the newest binding is compared exactly
  Check<{ x: Same<z.infer<typeof noStrength>, Sdk7NoiseReduction> }>,
  Check<{ x: Same<z.infer<typeof noiseReduction>, Sdk7NoiseReduction> }>,
  // The older binding (6.49) only needs its values accepted: the mock may know newer fields.
  Check<{ x: Accepts<z.infer<typeof noiseReduction>, Sdk6NoiseReduction> }>,
  // @ts-expect-error ...but a 6.49 schema is not exact against 6.49 once it knows 7.x fields
  Check<{ x: Same<z.infer<typeof noiseReduction>, Sdk6NoiseReduction> }>,
  Check<{ x: Same<z.infer<typeof audioTranscription>, GA7.AudioTranscription> }>,
];

it('the real schema parses what the SDK type allows and refuses the drifted value', () => {
  expect(semanticVad.safeParse({ type: 'semantic_vad', eagerness: 'auto' }).success).toBe(true);
  expect(missingEnumValue.safeParse({ type: 'semantic_vad', eagerness: 'auto' }).success).toBe(false);
});

it('7.x fields: strength, keywords, languages parse; wrong types do not', () => {
  expect(noiseReduction.safeParse({ type: 'near_field', strength: 0.5 }).success).toBe(true);
  expect(noiseReduction.safeParse({ type: 'near_field', strength: '0.5' }).success).toBe(false);
  expect(noStrength.safeParse({ type: 'near_field', strength: 0.5 }).success).toBe(false);
  expect(audioTranscription.safeParse({ model: 'gpt-transcribe', keywords: ['rtbench'], languages: ['en', 'de'] }).success).toBe(true);
  expect(audioTranscription.safeParse({ model: 'gpt-transcribe', languages: 'en' }).success).toBe(false);
});
