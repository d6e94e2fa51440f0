/**
 * What the mock reads from an upgrade request: dialect, model, credentials, directives.
 * Works on a plain `{url, headers}` so the in-process `attach()` and the ws server share it.
 */
import type { Dialect } from '../../protocol/codec.js';
import { DIRECTIVES_HEADER, DIRECTIVES_QUERY } from '../behaviour/directives.js';

export interface ConnectRequest {
  /** Request target, e.g. `/v1/realtime?model=gpt-realtime` (absolute URLs are accepted too). */
  url: string;
  /** Header names in any case. `sec-websocket-protocol` carries browser-style subprotocols. */
  headers: Record<string, string | undefined>;
}

export interface HandshakeInfo {
  pathname: string;
  dialect: Dialect;
  /** From `?model=` or Azure's `?deployment=`. */
  model: string | undefined;
  /** `?intent=transcription` (GA): a transcription session, opened without a model. */
  intent: 'transcription' | undefined;
  /** The credential presented (Bearer token, `api-key` header or `openai-insecure-api-key.` subprotocol). */
  credential: string | undefined;
  /** `x-rtbench-mock` header, or the `rtbench_mock` query parameter. */
  directivesHeader: string | undefined;
  subprotocols: string[];
}

const BETA_SUBPROTOCOL = 'openai-beta.realtime-v1';
const KEY_SUBPROTOCOL = 'openai-insecure-api-key.';

/** Lower-cases header names (Node already does; in-process callers may not). */
export function normalizeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function inspectRequest(req: ConnectRequest): HandshakeInfo {
  const headers = normalizeHeaders(req.headers);
  const url = new URL(req.url, 'http://mock.invalid');
  const subprotocols = (headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const betaHeader = (headers['openai-beta'] ?? '').toLowerCase().includes('realtime=v1');
  const dialect: Dialect = betaHeader || subprotocols.includes(BETA_SUBPROTOCOL) ? 'beta' : 'ga';
  const model = url.searchParams.get('model') ?? url.searchParams.get('deployment') ?? undefined;
  const intent = url.searchParams.get('intent') === 'transcription' ? 'transcription' : undefined;
  let credential: string | undefined;
  const auth = headers['authorization'];
  if (auth && /^bearer\s+/i.test(auth)) credential = auth.replace(/^bearer\s+/i, '').trim();
  credential ??= headers['api-key'];
  credential ??= subprotocols.find((p) => p.startsWith(KEY_SUBPROTOCOL))?.slice(KEY_SUBPROTOCOL.length);
  // Clients that cannot set headers (browsers, some SDKs) may pass the directives as ?rtbench_mock=.
  const directivesHeader = headers[DIRECTIVES_HEADER] ?? url.searchParams.get(DIRECTIVES_QUERY) ?? undefined;
  return { pathname: url.pathname, dialect, model, intent, credential, directivesHeader, subprotocols };
}

/** The subprotocol the server selects when the client offers some (browsers need one echoed). */
export function selectSubprotocol(offered: Iterable<string>): string | false {
  const list = [...offered];
  if (list.length === 0) return false;
  return list.includes('realtime') ? 'realtime' : list[0];
}
