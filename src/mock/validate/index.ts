/**
 * Validation of client events like the service's: every field of every known event is checked
 * against the schema of its dialect (types from the `openai` package, see `sdk-types.ts`). The
 * first problem becomes an `invalid_request_error` and the event has no effect. Unknown event
 * types are left to the session (it answers with the list of supported types).
 */
import type { z } from 'zod';
import type { Dialect } from '../../protocol/codec.js';
import type { ErrorTemplate } from '../errors.js';
import { betaClientEvents } from './beta-events.js';
import { gaClientEvents } from './ga-events.js';
import { toServiceError } from './issues.js';

const SCHEMAS: Record<Dialect, Record<string, z.ZodType>> = { ga: gaClientEvents, beta: betaClientEvents };

/**
 * Checks one parsed client frame (wire form, before the codec renames anything). Returns null
 * when valid or when the type is not a known client event.
 */
export function validateClientEvent(dialect: Dialect, event: { type: string }): ErrorTemplate | null {
  const schema = SCHEMAS[dialect][event.type];
  if (!schema) return null;
  const result = schema.safeParse(event);
  return result.success ? null : toServiceError(result.error, event);
}

export { APPEND_MAX_CHARS } from './ga-events.js';
export { paramOf, describeType } from './issues.js';
