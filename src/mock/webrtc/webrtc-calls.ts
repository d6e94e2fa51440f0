/**
 * The mock's WebRTC signalling, served on its HTTP port beside the `/v1/realtime` WebSocket:
 *
 * - `POST <prefix>/client_secrets` → `{ value: "ek_…", expires_at, session }` (a standard key is
 *   checked when the mock has one);
 * - `POST <prefix>/calls` with an SDP offer (`application/sdp`, `Authorization: Bearer ek_…` or a
 *   standard key), or a `multipart/form-data` body with an `sdp` part (`application/sdp`) and a
 *   `session` part (`application/json`, applied to the session as it opens; what openai 7.x's
 *   `calls.create({ sdp, session })` sends) → `201`, the answer SDP,
 *   `Location: <prefix>/calls/<call id>`; then ICE on the
 *   host's interfaces, DTLS-SRTP, and a session on the `oai-events` channel (see
 *   {@link WebRtcServerConnection});
 * - `POST <prefix>/calls/<id>/hangup` ends a call.
 *
 * Admission (directives in `x-rtbench-mock` or `?rtbench_mock=`, `reject` faults, the key) is the
 * engine's, the same as for a WebSocket upgrade.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../clock/clock.js';
import { loadWrtc, WEBRTC_INSTALL_HINT, type RtcTrack, type WrtcModule } from '../../transport/webrtc-lib.js';
import { gatherCandidates, isLoopbackCandidate, untilOpen } from '../../transport/webrtc-peer.js';
import type { MockRealtime } from '../session/engine.js';
import { refusal, type HandshakeRefusal } from '../behaviour/faults.js';
import { normalizeHeaders, type ConnectRequest } from '../hosting/handshake.js';
import { formBoundary, parseForm } from './multipart.js';
import { validateClientEvent } from '../validate/index.js';
import { WebRtcServerConnection } from './webrtc-connection.js';
import { FrameTicker } from './webrtc-ticker.js';
import { MockError } from '../mock-error.js';

/** Path prefixes the WebRTC endpoints live under (OpenAI's and Azure's). */
const PREFIXES = ['/v1/realtime', '/openai/v1/realtime', '/openai/realtime'];
const MAX_BODY_BYTES = 256 * 1024;
const EK_TTL_S = 600;
/** Max wait for the caller's data channel and audio track after the answer (ms). */
const MEDIA_TIMEOUT_MS = 10_000;

interface ClientSecret {
  expiresAtMs: number;
  model: string | undefined;
}

export interface WebRtcCallsOptions {
  engine: MockRealtime;
  clock: Clock;
  host: string;
  apiKey?: string;
  log: (line: string) => void;
}

type Route = { kind: 'secret' } | { kind: 'call' } | { kind: 'hangup'; callId: string };

export class WebRtcCalls {
  private readonly secrets = new Map<string, ClientSecret>();
  /** Open calls: `ended` resolves once the call's peer connection, tracks and sink are closed. */
  private readonly calls = new Map<string, { hangup: () => void; ended: Promise<void> }>();
  private readonly ticker: FrameTicker;
  private nextCall = 0;
  private closed = false;

  constructor(private readonly o: WebRtcCallsOptions) {
    this.ticker = new FrameTicker(o.clock);
  }

  /** True when the request is for one of these endpoints (then {@link handle} answers it). */
  matches(method: string | undefined, url: string): boolean {
    return method === 'POST' && route(url) !== null;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const r = route(req.url ?? '/')!;
    const headers = normalizeHeaders(req.headers);
    try {
      const body = await readBody(req);
      if (r.kind === 'secret') return this.mintSecret(headers, body, res);
      if (r.kind === 'hangup') {
        const call = this.calls.get(r.callId);
        if (!call) return reply(res, refusal(404, { message: `No call ${r.callId}`, code: 'not_found' }));
        call.hangup();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      await this.answer(req.url ?? '/', headers, body, res);
    } catch (err) {
      if (!res.headersSent) reply(res, refusal((err as { status?: number }).status ?? 500, { message: (err as Error).message }));
    }
  }

  /** Hangs up every call; resolves once each one's peer connection is closed. */
  async close(): Promise<void> {
    this.closed = true;
    const ending = [...this.calls.values()].map((c) => {
      c.hangup();
      return c.ended;
    });
    await Promise.all(ending);
    this.ticker.stop();
  }

  private mintSecret(headers: Record<string, string | undefined>, body: Buffer, res: ServerResponse): void {
    const key = bearer(headers);
    if (this.o.apiKey !== undefined && key !== this.o.apiKey)
      return reply(res, refusal(401, { message: key ? 'Incorrect API key provided.' : 'Missing API key.' }));
    let parsed: { session?: unknown; expires_after?: { seconds?: unknown } } = {};
    if (body.length) {
      try {
        parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
      } catch {
        return reply(res, refusal(400, { message: 'The body is not valid JSON.', code: 'invalid_json' }));
      }
    }
    const session = isObject(parsed.session) ? parsed.session : {};
    const ttlS = typeof parsed.expires_after?.seconds === 'number' ? parsed.expires_after.seconds : EK_TTL_S;
    const value = `ek_${randomBytes(16).toString('hex')}`;
    const expiresAt = Math.floor(this.o.clock.wallNow() / 1000) + ttlS;
    this.secrets.set(value, { expiresAtMs: this.o.clock.wallNow() + ttlS * 1000, model: typeof session.model === 'string' ? session.model : undefined });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value, expires_at: expiresAt, session: { type: 'realtime', object: 'realtime.session', ...session } }));
  }

  private async answer(url: string, headers: Record<string, string | undefined>, body: Buffer, res: ServerResponse): Promise<void> {
    const call = readCallBody(headers['content-type'], body);
    if (!call.ok) return reply(res, call.refusal);
    const { offer, session } = call;
    let wrtc: WrtcModule;
    try {
      wrtc = loadWrtc();
    } catch {
      return reply(res, refusal(501, { message: `This mock cannot serve WebRTC: ${WEBRTC_INSTALL_HINT}`, code: 'webrtc_unavailable' }));
    }
    // An ephemeral key stands for the mock's own key (and carries the model it was minted for).
    const request: ConnectRequest = { url, headers: { ...headers } };
    const key = bearer(headers);
    if (key?.startsWith('ek_')) {
      const secret = this.secrets.get(key);
      if (!secret || secret.expiresAtMs < this.o.clock.wallNow())
        return reply(res, refusal(401, { message: 'Invalid or expired ephemeral key.', code: 'invalid_api_key' }));
      if (this.o.apiKey !== undefined) request.headers.authorization = `Bearer ${this.o.apiKey}`;
      const u = new URL(url, 'http://mock.invalid');
      if (secret.model && !u.searchParams.has('model')) u.searchParams.set('model', secret.model);
      request.url = u.pathname + u.search;
    }
    if (session && typeof session.model === 'string') {
      const u = new URL(request.url, 'http://mock.invalid');
      u.searchParams.set('model', session.model);
      request.url = u.pathname + u.search;
    }
    const admission = this.o.engine.admit(request);
    if (!admission.ok) return reply(res, admission.refusal);
    if (session) admission.ticket.initialSession = session;

    const callId = `rtc_${(this.nextCall++).toString(36)}${randomBytes(6).toString('hex')}`;
    const pc = new wrtc.RTCPeerConnection();
    const source = new wrtc.nonstandard.RTCAudioSource();
    const outTrack = source.createTrack();
    let resolveTrack!: (t: RtcTrack) => void;
    const remoteTrack = new Promise<RtcTrack>((r) => (resolveTrack = r));
    pc.ontrack = (e) => {
      if (e.track.kind === 'audio') resolveTrack(e.track);
    };
    const channelP = new Promise<import('../../transport/webrtc-lib.js').RtcDataChannel>((r) => {
      pc.ondatachannel = (e) => {
        if (e.channel.label === 'oai-events') r(e.channel);
      };
    });
    let attached = false;
    let markEnded!: () => void;
    const ended = new Promise<void>((r) => (markEnded = r));
    const hangup = () => {
      this.calls.delete(callId);
      if (!attached) {
        outTrack.stop();
        pc.close();
        markEnded();
      }
    };
    this.calls.set(callId, { hangup, ended });
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      pc.addTrack(outTrack);
      await pc.setLocalDescription(await pc.createAnswer());
      // No trickle ICE over this REST exchange: the answer carries the candidates. On loopback
      // the 127.0.0.1 host candidate is enough; elsewhere wait for the full set.
      const loopback = this.o.host === '127.0.0.1' || this.o.host === 'localhost' || this.o.host === '::1';
      await gatherCandidates(pc, 2000, loopback ? isLoopbackCandidate : undefined);
    } catch (err) {
      hangup();
      return reply(res, refusal(400, { message: `Cannot answer this offer: ${(err as Error).message}`, code: 'invalid_offer' }));
    }
    res.writeHead(201, { 'content-type': 'application/sdp', location: `${prefixOf(url)}/calls/${callId}` });
    res.end(pc.localDescription?.sdp ?? '');
    this.o.log(`[call ${callId}] answered`);

    const channel = await Promise.race([channelP, sleep(MEDIA_TIMEOUT_MS).then(() => null)]);
    const track = channel ? await Promise.race([remoteTrack, sleep(MEDIA_TIMEOUT_MS).then(() => null)]) : null;
    if (!channel || !track || this.closed || !this.calls.has(callId) || !(await untilOpen(channel, MEDIA_TIMEOUT_MS))) {
      this.o.log(`[call ${callId}] no data channel or audio track: hung up`);
      hangup();
      return;
    }
    attached = true;
    const conn = new WebRtcServerConnection({
      callId,
      pc,
      channel,
      source,
      outTrack,
      remoteTrack: track,
      makeSink: (t) => new wrtc.nonstandard.RTCAudioSink(t),
      ticker: this.ticker,
      onEnded: () => {
        this.calls.delete(callId);
        markEnded();
      },
    });
    this.calls.set(callId, { hangup: () => conn.close(1000, 'call hung up'), ended });
    this.o.engine.attach(conn, request, admission.ticket);
  }
}

type CallBody = { ok: true; offer: string; session: Record<string, unknown> | undefined } | { ok: false; refusal: HandshakeRefusal };

/** The offer (and the optional session) from a `POST /calls` body: plain `application/sdp`, or a form. */
function readCallBody(contentType: string | undefined, body: Buffer): CallBody {
  const bad = (message: string, code: string): CallBody => ({ ok: false, refusal: refusal(400, { message, code }) });
  const plain = (contentType ?? '').toLowerCase().startsWith('application/sdp');
  const boundary = plain ? null : formBoundary(contentType);
  if (!plain && !boundary) return bad("Send the SDP offer as 'application/sdp', or as the 'sdp' part of multipart/form-data.", 'unsupported_content_type');
  let offer = body.toString('utf8');
  let session: Record<string, unknown> | undefined;
  if (boundary) {
    const form = parseForm(body, boundary);
    if (!form.ok) return bad(`Invalid multipart body: ${form.reason}.`, 'invalid_request');
    const sdp = form.parts.find((p) => p.name === 'sdp');
    if (!sdp) return bad("Missing required parameter: 'sdp'.", 'missing_required_parameter');
    offer = sdp.body.toString('utf8');
    const part = form.parts.find((p) => p.name === 'session');
    if (part) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(part.body.toString('utf8'));
      } catch {
        return bad("Invalid 'session': not valid JSON.", 'invalid_json');
      }
      // The same checks as a session.update: an unknown field or a bad value refuses the call.
      const invalid = validateClientEvent('ga', { type: 'session.update', session: parsed } as { type: string });
      if (invalid) return bad(invalid.message, invalid.code ?? 'invalid_request');
      session = parsed as Record<string, unknown>;
    }
  }
  if (!/^v=0\r?\n/.test(offer)) return bad('Invalid SDP offer: expected a session description starting with "v=0".', 'invalid_offer');
  return { ok: true, offer, session };
}

function route(url: string): Route | null {
  const path = new URL(url, 'http://mock.invalid').pathname.replace(/\/+$/, '');
  for (const p of PREFIXES) {
    if (path === `${p}/client_secrets`) return { kind: 'secret' };
    if (path === `${p}/calls`) return { kind: 'call' };
    const m = path.startsWith(`${p}/calls/`) ? /^([^/]+)\/hangup$/.exec(path.slice(p.length + 7)) : null;
    if (m) return { kind: 'hangup', callId: m[1] };
  }
  return null;
}

function prefixOf(url: string): string {
  const path = new URL(url, 'http://mock.invalid').pathname.replace(/\/+$/, '');
  return path.slice(0, path.lastIndexOf('/'));
}

function bearer(headers: Record<string, string | undefined>): string | undefined {
  const auth = headers['authorization'];
  if (auth && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim();
  return headers['api-key'];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new MockError('MOCK_REQUEST_TOO_LARGE', `request body over ${MAX_BODY_BYTES} bytes`, { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, r: HandshakeRefusal): void {
  res.writeHead(r.status, r.headers);
  res.end(r.body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
