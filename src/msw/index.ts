import { http, type HttpHandler } from 'msw';
import { checkAzureAuth, checkOpenAIAuth } from './auth.js';
import { answerCall, readOffer, type CallOffer } from './calls.js';
import { createContext, readJson, type HandlerContext, type RealtimeRestHandlersOptions } from './context.js';
import { azureMissingApiVersion } from './errors.js';
import { betaSession, betaTranscriptionSession, gaClientSecret } from './sessions.js';

export type { RealtimeRestHandlersOptions, RecordedRealtimeRequest } from './context.js';
export type { OpenAIErrorBody } from './errors.js';
export { fakeAnswer } from './calls.js';

/**
 * msw handlers for the REST side of realtime APIs, for unit tests of code that mints ephemeral
 * keys or exchanges WebRTC SDP — with `setupServer(...realtimeRestHandlers())` (msw/node) or
 * `setupWorker` in a browser:
 *
 * | route | answers |
 * |---|---|
 * | `POST {baseUrl}/v1/realtime/client_secrets` | GA: `{ value: 'ek_…', expires_at, session }` |
 * | `POST {baseUrl}/v1/realtime/sessions` | beta: session + `client_secret: { value, expires_at }` |
 * | `POST {baseUrl}/v1/realtime/transcription_sessions` | beta transcription session + `client_secret` |
 * | `POST {baseUrl}/v1/realtime/calls` | WebRTC SDP answer, 201 + `Location` (shape only) |
 * | `POST {azureBaseUrl}/openai/v1/realtime/client_secrets` | Azure GA, `api-key` or Bearer auth |
 * | `POST {azureBaseUrl}/openai/v1/realtime/calls` | Azure GA WebRTC (shape only) |
 * | `POST {azureBaseUrl}/openai/realtimeapi/sessions?api-version=…` | Azure preview (beta shape) |
 *
 * Requests are checked as the service checks them — bad or missing auth → 401, a missing model or
 * a malformed field → 400 with an OpenAI-style `{ error: { message, type, param, code } }` — so
 * error paths can be tested too. Ephemeral keys issued by these handlers are accepted as Bearer
 * tokens on the `calls` routes, as in the browser flow. Ids are deterministic per handler set
 * (`ek_mock_000001`, `sess_mock_000002`, …).
 */
export function realtimeRestHandlers(opts: RealtimeRestHandlersOptions = {}): HttpHandler[] {
  const ctx = createContext(opts);
  const openai = (req: Request) => checkOpenAIAuth(ctx, req);
  const azure = (req: Request) => checkAzureAuth(ctx, req);
  return [
    jsonRoute(ctx, `${ctx.baseUrl}/v1/realtime/client_secrets`, 'openai.client_secrets', openai, (body) => gaClientSecret(ctx, body)),
    jsonRoute(ctx, `${ctx.baseUrl}/v1/realtime/sessions`, 'openai.sessions', openai, (body) => betaSession(ctx, body)),
    jsonRoute(ctx, `${ctx.baseUrl}/v1/realtime/transcription_sessions`, 'openai.transcription_sessions', openai, (body) => betaTranscriptionSession(ctx, body)),
    callRoute(ctx, `${ctx.baseUrl}/v1/realtime/calls`, 'openai.calls', (req) => checkOpenAIAuth(ctx, req, true), '/v1'),
    jsonRoute(ctx, `${ctx.azureBaseUrl}/openai/v1/realtime/client_secrets`, 'azure.client_secrets', azure, (body) => gaClientSecret(ctx, body)),
    callRoute(ctx, `${ctx.azureBaseUrl}/openai/v1/realtime/calls`, 'azure.calls', (req) => checkAzureAuth(ctx, req, true), '/openai/v1'),
    jsonRoute(ctx, `${ctx.azureBaseUrl}/openai/realtimeapi/sessions`, 'azure.preview_sessions', azure, (body, req) =>
      new URL(req.url).searchParams.get('api-version') ? betaSession(ctx, body) : azureMissingApiVersion(),
    ),
  ];
}

type Auth = (request: Request) => Response | null;

/** A JSON POST route: read, record, authenticate, then answer. */
function jsonRoute(ctx: HandlerContext, url: string, endpoint: string, auth: Auth, answer: (body: unknown, request: Request) => Response): HttpHandler {
  return http.post(url, async ({ request }) => {
    const body = await readJson(request);
    ctx.record(endpoint, request, body instanceof Error ? undefined : body);
    return auth(request) ?? answer(body, request);
  });
}

/** The WebRTC SDP route. */
function callRoute(ctx: HandlerContext, url: string, endpoint: string, auth: Auth, pathPrefix: string): HttpHandler {
  return http.post(url, async ({ request }) => {
    const offer: CallOffer = await readOffer(request);
    ctx.record(endpoint, request, offer.session === undefined ? offer.sdp : { sdp: offer.sdp, session: offer.session });
    return auth(request) ?? answerCall(ctx, offer, pathPrefix);
  });
}
