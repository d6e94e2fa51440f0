/**
 * The compile-time check catches drift: schemas that differ from the `openai` types in one value,
 * one optional field or one type are rejected by `Same` (each `@ts-expect-error` below would itself
 * fail `npm run typecheck` if the check let the drift through).
 */
import type * as GA from 'openai/resources/realtime/realtime';
import { expect, it } from 'vitest';
import { z } from 'zod';
import type { Check, Same } from '../../../src/mock/validate/sdk-types.js';
import { semanticVad } from '../../../src/mock/validate/ga-session.js';

const missingEnumValue = z.strictObject({
  type: z.literal('semantic_vad'),
  create_response: z.boolean().optional(),
  eagerness: z.enum(['low', 'medium', 'high']).optional(),
  interrupt_response: z.boolean().optional(),
});
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- read only as a type, by the compile-time checks below
const missingOptionalField = z.strictObject({ type: z.literal('semantic_vad'), create_response: z.boolean().optional(), eagerness: z.enum(['low', 'medium', 'high', 'auto']).optional() });
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

it('the real schema parses what the SDK type allows and refuses the drifted value', () => {
  expect(semanticVad.safeParse({ type: 'semantic_vad', eagerness: 'auto' }).success).toBe(true);
  expect(missingEnumValue.safeParse({ type: 'semantic_vad', eagerness: 'auto' }).success).toBe(false);
});
