import { HttpResponse } from 'msw';

/**
 * Error bodies as the services send them, so a client's error handling is exercised for real
 * (the official SDK turns an OpenAI body into `APIError` with `.code`, `.param`, `.type`).
 */

/** OpenAI's error envelope: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** A 400 `invalid_request_error` naming the parameter at fault. */
export function invalidRequest(message: string, param: string | null, code: string | null = null): Response {
  const body: OpenAIErrorBody = { error: { message, type: 'invalid_request_error', param, code } };
  return HttpResponse.json(body, { status: 400 });
}

/** `Missing required parameter: 'session.model'.` — OpenAI's wording for an absent field. */
export function missingParameter(param: string): Response {
  return invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

/** A 400 for a field of the wrong type or value. */
export function invalidValue(param: string, message: string): Response {
  return invalidRequest(message, param, 'invalid_value');
}

/** OpenAI's 401: no key, or a key it does not know (the key itself is never echoed). */
export function openaiUnauthorized(present: boolean): Response {
  const body: OpenAIErrorBody = {
    error: present
      ? {
          message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        }
      : {
          message:
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
  };
  return HttpResponse.json(body, { status: 401 });
}

/** Azure's 401 envelope: `{ error: { code: '401', message } }`. */
export function azureUnauthorized(): Response {
  return HttpResponse.json(
    {
      error: {
        code: '401',
        message:
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      },
    },
    { status: 401 },
  );
}

/** Azure's answer to a preview route called without `?api-version=`. */
export function azureMissingApiVersion(): Response {
  return HttpResponse.json(
    { error: { code: 'MissingApiVersionParameter', message: 'The api-version query parameter (?api-version=) is required for all requests.' } },
    { status: 400 },
  );
}
