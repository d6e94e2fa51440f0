/**
 * Opens a realtime session over WebRTC the way browser and mobile apps do (the flow of the official
 * agents-realtime WebRTC transport): optionally mint an ephemeral key (`POST …/client_secrets`),
 * create the `oai-events` data channel and a microphone track, `POST` the SDP offer to
 * `…/realtime/calls` as `application/sdp` with `Authorization: Bearer <key>`, apply the answer
 * (call id from `Location`), then wait for ICE, DTLS and the data channel.
 */
import type { Clock } from '../clock/clock.js';
import { TransportError } from './transport.js';
import { loadWrtc, type RtcTrack } from './webrtc-lib.js';
import { gatherCandidates, untilOpen, untilState } from './webrtc-peer.js';
import { nextTurn } from './webrtc-turns.js';
import { WebRtcClientTransport, type WebRtcSetup } from './webrtc-transport.js';

export interface WebRtcConnectOptions {
  clock: Clock;
  /** e.g. `https://api.openai.com/v1/realtime/calls`, or the mock's `http://127.0.0.1:PORT/v1/realtime/calls?model=…`. */
  callsUrl: string;
  /** Credential: a standard key (server-side apps) or an `ek_…` ephemeral key. */
  apiKey?: string;
  /**
   * Mint an ephemeral key first at this URL (`…/realtime/client_secrets`) with `apiKey`, and call
   * with the `ek_…` it returns — what a browser app's backend does.
   */
  clientSecretsUrl?: string;
  /** The `session` sent with the client-secret request (e.g. `{ type: 'realtime', model }`). */
  secretSession?: Record<string, unknown>;
  /** Extra headers on both requests (e.g. `x-rtbench-mock` directives). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Limit for the whole setup (ms; default 10 s). */
  timeoutMs?: number;
  /** How often media stats are read while the call runs (ms; default 0 = only at close: nothing uses the interim figures, and each read is work on the pacer's event loop). */
  statsIntervalMs?: number;
  /** Injected for tests (msw intercepts the global fetch anyway). */
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Connects; resolves once the data channel is open.
 * @throws {TransportError} `WEBRTC_UNAVAILABLE` (optional dependency missing), `HANDSHAKE_REJECTED`
 *   (HTTP refusal, with status and retry-after), `CONNECT_FAILED`, `CONNECT_TIMEOUT`,
 *   `WEBRTC_SETUP_FAILED` (ICE/DTLS/data channel never came up), `ABORTED`
 */
export async function connectWebRtc(opts: WebRtcConnectOptions): Promise<{ transport: WebRtcClientTransport; connectMs: number; setup: WebRtcSetup }> {
  const wrtc = loadWrtc();
  const { clock } = opts;
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = clock.now();
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  const remaining = () => Math.max(1, started + timeoutMs - clock.now());

  let secretMs: number | null = null;
  let key = opts.apiKey;
  if (opts.clientSecretsUrl) {
    const t = clock.now();
    const res = await request(
      doFetch,
      opts.clientSecretsUrl,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...opts.headers },
        body: JSON.stringify({ session: opts.secretSession ?? { type: 'realtime' } }),
        signal,
      },
      opts.signal,
    );
    const body = (await res.json().catch(() => null)) as { value?: unknown } | null;
    if (typeof body?.value !== 'string')
      throw new TransportError('HANDSHAKE_REJECTED', 'client_secrets answered without a "value" (ephemeral key)', { status: res.status });
    key = body.value;
    secretMs = clock.now() - t;
  }

  // libwebrtc's control calls block the event loop the pacer shares: a turn between them lets other
  // sessions' due chunks go out (webrtc-turns.ts).
  await nextTurn();
  const pc = new wrtc.RTCPeerConnection();
  await nextTurn();
  const source = new wrtc.nonstandard.RTCAudioSource();
  const micTrack = source.createTrack();
  let resolveTrack!: (t: RtcTrack) => void;
  const remoteTrack = new Promise<RtcTrack>((r) => (resolveTrack = r));
  pc.ontrack = (e) => {
    if (e.track.kind === 'audio') resolveTrack(e.track);
  };
  pc.addTrack(micTrack);
  const channel = pc.createDataChannel('oai-events');
  const fail = (err: TransportError): never => {
    micTrack.stop();
    try {
      pc.close();
    } catch {
      /* closed */
    }
    throw err;
  };
  try {
    await nextTurn();
    const offer = await pc.createOffer();
    await nextTurn();
    await pc.setLocalDescription(offer);
    // Host candidates come within milliseconds; without them a server that cannot learn
    // peer-reflexive candidates would have nothing to reach.
    await gatherCandidates(pc, 300, () => true);
    const t = clock.now();
    const res = await request(
      doFetch,
      opts.callsUrl,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/sdp', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...opts.headers },
        body: pc.localDescription?.sdp ?? offer.sdp,
        signal,
      },
      opts.signal,
    );
    const answer = await res.text();
    const signalingMs = clock.now() - t;
    const callId = res.headers.get('location')?.split('/').pop() ?? null;
    await nextTurn();
    const applied = clock.now();
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    const iceUp = await untilState(pc, 'ice', () => pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed', remaining());
    if (!iceUp) throw setupError(pc, 'ICE did not connect', signal);
    const iceAt = clock.now();
    const dtlsUp = await untilState(pc, 'connection', () => pc.connectionState === 'connected', remaining());
    if (!dtlsUp) throw setupError(pc, 'DTLS did not complete', signal);
    const dtlsAt = clock.now();
    if (!(await untilOpen(channel, remaining()))) throw setupError(pc, 'the oai-events data channel did not open', signal);
    const connectMs = clock.now() - started;
    const setup: WebRtcSetup = {
      call_id: callId,
      secret_ms: secretMs === null ? null : round2(secretMs),
      signaling_ms: round2(signalingMs),
      ice_ms: round2(iceAt - applied),
      dtls_ms: round2(dtlsAt - iceAt),
      setup_ms: round2(connectMs),
    };
    const transport = new WebRtcClientTransport(
      { pc, channel, source, micTrack, remoteTrack, makeSink: (track) => new wrtc.nonstandard.RTCAudioSink(track) },
      clock,
      setup,
      opts.statsIntervalMs,
    );
    return { transport, connectMs, setup };
  } catch (err) {
    return fail(err instanceof TransportError ? err : new TransportError('WEBRTC_SETUP_FAILED', `WebRTC setup failed: ${(err as Error).message}`));
  }
}

async function request(doFetch: typeof fetch, url: string, init: RequestInit, userSignal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await doFetch(url, init);
  } catch (err) {
    if (userSignal?.aborted) throw new TransportError('ABORTED', 'connection aborted');
    if (init.signal?.aborted) throw new TransportError('CONNECT_TIMEOUT', `cannot connect: ${new URL(url).pathname} timed out`);
    throw new TransportError('CONNECT_FAILED', `cannot connect: ${(err as Error).message}`);
  }
  if (res.ok) return res;
  const retryAfter = Number(res.headers.get('retry-after'));
  const detail = (await res.text().catch(() => '')).trim().slice(0, 200).replace(/\s+/g, ' ');
  throw new TransportError('HANDSHAKE_REJECTED', `handshake rejected: HTTP ${res.status}${detail ? ` ${detail}` : ''}`, {
    status: res.status,
    retryAfterMs: Number.isFinite(retryAfter) && res.headers.get('retry-after') !== null ? retryAfter * 1000 : undefined,
  });
}

function setupError(pc: { iceConnectionState: string; connectionState: string }, what: string, signal: AbortSignal): TransportError {
  if (signal.aborted)
    return new TransportError('CONNECT_TIMEOUT', `WebRTC setup timed out: ${what} (ice ${pc.iceConnectionState}, connection ${pc.connectionState})`);
  return new TransportError('WEBRTC_SETUP_FAILED', `WebRTC setup failed: ${what} (ice ${pc.iceConnectionState}, connection ${pc.connectionState})`);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
