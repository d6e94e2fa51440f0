/**
 * State shared by one set of handlers (no global state: two `realtimeRestHandlers()` calls are
 * independent): options, deterministic ids, the ephemeral keys issued, and request recording.
 */

/** One request as a handler saw it, for assertions in tests. */
export interface RecordedRealtimeRequest {
  /** Which endpoint answered, e.g. `openai.client_secrets`, `azure.preview_sessions`, `openai.calls`. */
  endpoint: string;
  method: string;
  url: string;
  /** Header names lower-cased (as `Headers` gives them). */
  headers: Record<string, string>;
  /** Parsed JSON, the SDP text, or `{ sdp, session }` from a multipart form; undefined when empty. */
  body: unknown;
}

/** Options of {@link realtimeRestHandlers}. */
export interface RealtimeRestHandlersOptions {
  /** OpenAI origin [`https://api.openai.com`]; routes are under `/v1/realtime/…`. */
  baseUrl?: string;
  /** Azure resource origin [`https://*.openai.azure.com`, any resource]. */
  azureBaseUrl?: string;
  /**
   * The one key accepted (`Authorization: Bearer <key>`, or `api-key: <key>` on Azure); others get
   * 401. Unset: any non-empty key is accepted, a missing one gets 401.
   */
  apiKey?: string;
  /**
   * Reject a realtime session without a model (400, `param: session.model` / `model`) [true].
   * The service may fill in a default model; this mock is stricter so a test catches a client
   * that forgets to choose one.
   */
  requireModel?: boolean;
  /** Seconds since the epoch, for `expires_at` [wall clock]. */
  now?: () => number;
  /** Called with every request a handler answered (before validation, so refused ones too). */
  onRequest?: (req: RecordedRealtimeRequest) => void;
}

/** What handlers share. */
export interface HandlerContext {
  baseUrl: string;
  azureBaseUrl: string;
  apiKey?: string;
  requireModel: boolean;
  now: () => number;
  record: (endpoint: string, request: Request, body: unknown) => void;
  /** A deterministic id: `ek_mock_000001`, `sess_mock_000002`… (one counter per handler set). */
  id: (prefix: string) => string;
  /** Ephemeral keys issued by this handler set: accepted as Bearer tokens on `/realtime/calls`. */
  issued: Set<string>;
}

/** Builds the shared context from the options. */
export function createContext(opts: RealtimeRestHandlersOptions = {}): HandlerContext {
  let counter = 0;
  return {
    baseUrl: (opts.baseUrl ?? 'https://api.openai.com').replace(/\/+$/, ''),
    azureBaseUrl: (opts.azureBaseUrl ?? 'https://*.openai.azure.com').replace(/\/+$/, ''),
    apiKey: opts.apiKey,
    requireModel: opts.requireModel ?? true,
    now: opts.now ?? (() => Math.floor(Date.now() / 1000)),
    record: (endpoint, request, body) => {
      opts.onRequest?.({ endpoint, method: request.method, url: request.url, headers: Object.fromEntries(request.headers.entries()), body });
    },
    id: (prefix) => `${prefix}_mock_${String(++counter).padStart(6, '0')}`,
    issued: new Set(),
  };
}

/** Reads a JSON body; `undefined` for an empty one, `Error` for one that does not parse. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new Error('invalid JSON');
  }
}

/** A plain object (not null, not a list). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
