/**
 * From a realtime WebSocket endpoint (what the runner resolves for every target) to the WebRTC
 * flow of the same service: `wss://host/v1/realtime?model=…` → `https://host/v1/realtime/calls`
 * for the SDP exchange and `…/realtime/client_secrets` for the ephemeral key. The credential and
 * the mock's directives travel as headers, as over WebSocket.
 */
import type { Clock } from '../clock/clock.js';
import { TransportError } from './transport.js';
import { connectWebRtc } from './webrtc-client.js';
import type { WebRtcClientTransport, WebRtcSetup } from './webrtc-transport.js';

/** What the runner knows about a target (a subset of its Endpoint). */
export interface RealtimeEndpoint {
  url: string;
  headers: Record<string, string>;
  dialect: 'ga' | 'beta';
}

export interface WebRtcEndpoint {
  callsUrl: string;
  clientSecretsUrl: string;
  apiKey: string | undefined;
  model: string | undefined;
  headers: Record<string, string>;
}

/**
 * Maps a realtime WebSocket endpoint to its WebRTC endpoints.
 * @throws {TransportError} `CONNECT_FAILED` for the beta dialect or an Azure URL (not served over WebRTC here)
 */
export function webrtcEndpointOf(ep: RealtimeEndpoint): WebRtcEndpoint {
  if (ep.dialect === 'beta')
    throw new TransportError('CONNECT_FAILED', 'WebRTC is served with the GA dialect only: drop --dialect beta (or use --transport ws)');
  const u = new URL(ep.url);
  if (u.protocol !== 'ws:' && u.protocol !== 'wss:') throw new TransportError('CONNECT_FAILED', `WebRTC needs a ws(s):// realtime URL, got ${u.protocol}`);
  if (u.searchParams.has('deployment') || u.searchParams.has('api-version')) {
    throw new TransportError('CONNECT_FAILED', 'WebRTC to Azure (its regional /realtimertc endpoint) is not supported yet: use --transport ws for Azure');
  }
  const base = `${u.protocol === 'wss:' ? 'https' : 'http'}://${u.host}${u.pathname.replace(/\/+$/, '')}`;
  const model = u.searchParams.get('model') ?? undefined;
  const calls = new URL(`${base}/calls`);
  // The official WebRTC client names the model in the ephemeral key's session, not on the call;
  // other query parameters (the mock's `rtbench_mock` directives) stay.
  for (const [k, v] of u.searchParams) if (k !== 'model') calls.searchParams.append(k, v);
  const headers: Record<string, string> = {};
  let apiKey: string | undefined;
  for (const [k, v] of Object.entries(ep.headers)) {
    const name = k.toLowerCase();
    if (name === 'authorization') apiKey = v.replace(/^bearer\s+/i, '').trim();
    else if (name === 'api-key') apiKey = v;
    else if (name !== 'openai-beta') headers[k] = v;
  }
  return { callsUrl: calls.toString(), clientSecretsUrl: `${base}/client_secrets`, apiKey, model, headers };
}

export interface WebRtcSessionOptions {
  clock: Clock;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Mint an ephemeral key first, as a browser app's backend does (default true). */
  ephemeralKey?: boolean;
}

/**
 * Opens a WebRTC session to the service behind a realtime WebSocket endpoint: ephemeral key, then
 * the call. Resolves once the `oai-events` channel is open.
 */
export async function connectWebRtcEndpoint(
  ep: RealtimeEndpoint,
  opts: WebRtcSessionOptions,
): Promise<{ transport: WebRtcClientTransport; connectMs: number; setup: WebRtcSetup }> {
  const w = webrtcEndpointOf(ep);
  const mint = opts.ephemeralKey ?? true;
  return connectWebRtc({
    clock: opts.clock,
    callsUrl: w.callsUrl,
    apiKey: w.apiKey,
    clientSecretsUrl: mint ? w.clientSecretsUrl : undefined,
    secretSession: { type: 'realtime', ...(w.model ? { model: w.model } : {}) },
    headers: w.headers,
    signal: opts.signal,
    timeoutMs: opts.timeoutMs,
  });
}
