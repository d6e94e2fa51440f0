import { invalidRequest, invalidValue, missingParameter } from './errors.js';
import { isObject } from './context.js';

/**
 * Request checks the service makes, each returning the 400 it would send (or null when fine).
 * Only what a client commonly gets wrong is checked; unknown fields are echoed, not refused.
 */

/** The body must be a JSON object (or empty, where the endpoint allows it). */
export function checkBody(body: unknown, allowEmpty: boolean): Response | null {
  if (body instanceof Error)
    return invalidRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
      null,
    );
  if (body === undefined) return allowEmpty ? null : invalidRequest('You must provide a JSON body.', null);
  if (!isObject(body))
    return invalidRequest(
      `Invalid type for 'body': expected an object, but got ${Array.isArray(body) ? 'an array' : typeof body} instead.`,
      null,
      'invalid_type',
    );
  return null;
}

/** `expires_after: { anchor: 'created_at', seconds: 10…7200 }` (GA `expires_after`, beta `client_secret.expires_after`). */
export function checkExpiresAfter(v: unknown, param: string, anchorRequired: boolean): Response | null {
  if (v === undefined) return null;
  if (!isObject(v)) return invalidValue(param, `Invalid type for '${param}': expected an object.`);
  if (v.anchor === undefined && anchorRequired) return missingParameter(`${param}.anchor`);
  if (v.anchor !== undefined && v.anchor !== 'created_at')
    return invalidValue(`${param}.anchor`, `Invalid value: '${String(v.anchor)}'. Supported values are: 'created_at'.`);
  if (v.seconds !== undefined && !(Number.isInteger(v.seconds) && (v.seconds as number) >= 10 && (v.seconds as number) <= 7200)) {
    return invalidValue(`${param}.seconds`, `Invalid '${param}.seconds': expected an integer between 10 and 7200, got ${JSON.stringify(v.seconds)}.`);
  }
  return null;
}

/** Seconds until a secret expires: `seconds`, else the documented default of 600. */
export function ttlSeconds(v: unknown): number {
  return isObject(v) && typeof v.seconds === 'number' ? v.seconds : 600;
}

/** A string-valued field, when present. */
export function checkString(obj: Record<string, unknown>, key: string, param: string): Response | null {
  const v = obj[key];
  if (v === undefined || typeof v === 'string') return null;
  return invalidRequest(`Invalid type for '${param}': expected a string, but got ${Array.isArray(v) ? 'an array' : typeof v} instead.`, param, 'invalid_type');
}

/** A field restricted to a set of strings, when present. */
export function checkEnum(obj: Record<string, unknown>, key: string, param: string, values: readonly string[]): Response | null {
  const v = obj[key];
  if (v === undefined) return null;
  if (typeof v === 'string' && values.includes(v)) return null;
  return invalidValue(param, `Invalid value: '${String(v)}'. Supported values are: ${values.map((x) => `'${x}'`).join(', ')}.`);
}

/** A list whose items are restricted to a set of strings, when present. */
export function checkEnumList(obj: Record<string, unknown>, key: string, param: string, values: readonly string[]): Response | null {
  const v = obj[key];
  if (v === undefined) return null;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' && values.includes(x))) return null;
  return invalidValue(param, `Invalid value for '${param}': expected a list of ${values.map((x) => `'${x}'`).join(', ')}.`);
}

/** The first failing check, or null. */
export function firstFailure(...checks: Array<() => Response | null>): Response | null {
  for (const check of checks) {
    const r = check();
    if (r) return r;
  }
  return null;
}
