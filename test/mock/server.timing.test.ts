/**
 * The mock on a real socket (127.0.0.1, port 0): handshake refusals as HTTP responses, timing
 * over TCP, limits, TLS, subprotocols.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RealClock } from '../../src/clock/real.js';
import { encodeDirectives, makeSelfSignedCert, startMockServer, type MockOptions, type MockServer } from '../../src/mock/index.js';
import { toneSpeech, WsRig } from './helpers.js';

const servers: MockServer[] = [];
const rigs: WsRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) r.ws.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(opts: MockOptions = {}): Promise<MockServer> {
  const s = await startMockServer({ port: 0, ...opts });
  servers.push(s);
  return s;
}

async function connect(url: string, opts: Parameters<typeof WsRig.connect>[2] = {}): Promise<WsRig> {
  const rig = await WsRig.connect(url, new RealClock(), opts);
  rigs.push(rig);
  return rig;
}

/** Status and headers of a refused upgrade. */
function refused(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => reject(new Error('unexpectedly accepted')));
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
  });
}

describe('mock server on a real socket', () => {
  it('URL shape and a full turn; first audio within ±5 ms of firstAudioMs after speech_stopped', async () => {
    const server = await start({ firstAudioMs: 400, jitterMs: 0, profile: 'fast' });
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}/v1/realtime`);
    const gaps: number[] = [];
    // Five turns, 20 ms chunks on absolute deadlines; the `fast` profile's VAD silence is 200 ms.
    for (let i = 0; i < 5; i++) {
      const rig = await connect(`${server.url}?model=gpt-realtime`);
      await rig.waitForType('session.created');
      await rig.streamAudio(toneSpeech(400, 300, 24000, 100));
      await rig.waitForType('response.done');
      gaps.push(
        rig.received.find((r) => r.event.type === 'response.output_audio.delta')!.t -
          rig.received.find((r) => r.event.type === 'input_audio_buffer.speech_stopped')!.t,
      );
      rig.close();
    }
    gaps.sort((a, b) => a - b);
    if (process.env.RTBENCH_DEBUG) console.log('first-audio gaps', gaps);
    // The median must be within ±5 ms; single turns may suffer a late timer on a loaded machine.
    expect(Math.abs(gaps[2] - 400)).toBeLessThanOrEqual(5);
    for (const g of gaps) expect(Math.abs(g - 400)).toBeLessThanOrEqual(40);
    const stats = server.stats();
    expect(stats.sessions).toBe(5);
    expect(stats.perSession[0].audioReceivedMs).toBe(800);
    expect(stats.perSession[0].framesReceived).toBe(40);
  });

  it('refusals are HTTP responses: wrong path 404, missing key 401, reject fault 429 with Retry-After', async () => {
    const server = await start({ apiKey: 'sk-test-key', faults: [{ kind: 'reject', status: 429, retryAfterS: 7, sessions: [2] }] });
    const base = `ws://127.0.0.1:${server.port}`;
    expect((await refused(`${base}/v2/nothing`)).status).toBe(404);
    // Session indexes count handshakes that reach the engine: this one is 0, the next 1, then 2.
    const noKey = await refused(`${base}/v1/realtime?model=gpt-realtime`);
    expect(noKey.status).toBe(401);
    expect(JSON.parse(noKey.body)).toMatchObject({ error: { code: 'invalid_api_key' } });
    const ok = await connect(`${base}/v1/realtime?model=gpt-realtime`, { headers: { Authorization: 'Bearer sk-test-key' } });
    await ok.waitForType('session.created');
    const limited = await refused(`${base}/v1/realtime`, { 'api-key': 'sk-test-key' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    const azure = await connect(`${base}/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-4o-mini-realtime-preview`, {
      dialect: 'beta',
      headers: { 'api-key': 'sk-test-key' },
    });
    const created = await azure.waitForType('session.created');
    expect(JSON.parse(created.raw).session).toMatchObject({ model: 'gpt-4o-mini-realtime-preview', modalities: ['text', 'audio'] });
    const bad = await refused(`${base}/v1/realtime`, { 'api-key': 'sk-test-key', 'x-rtbench-mock': encodeDirectives({ profile: 'nope' }) });
    expect(bad.status).toBe(400);
    expect(server.stats().rejected).toBe(4);
  });

  it('binary frames are refused in-band; frames over maxPayload close with 1009', async () => {
    const server = await start({ maxPayload: 64 * 1024 });
    const rig = await connect(server.url);
    await rig.waitForType('session.created');
    rig.ws.send(Buffer.from([1, 2, 3]));
    const err = await rig.waitForType('error');
    expect(err.event.error).toMatchObject({ code: 'invalid_event', message: 'Expected a text WebSocket message; binary frames are not supported.' });
    rig.ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: 'A'.repeat(100_000) }));
    await new Promise<void>((r) => rig.ws.once('close', () => r()));
    expect(rig.closed?.code).toBe(1009);
  });

  it('idle timeout closes a silent session with 1001', async () => {
    const server = await start({ idleTimeoutMs: 150 });
    const rig = await connect(server.url);
    await rig.waitForType('session.created');
    const t0 = Date.now();
    await new Promise<void>((r) => rig.ws.once('close', () => r()));
    expect(rig.closed).toEqual({ code: 1001, reason: 'idle timeout' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
  });

  it('drop fault cuts the TCP connection: the client sees 1006', async () => {
    const server = await start({ firstAudioMs: 50, jitterMs: 0, faults: [{ kind: 'drop', afterMs: 30 }] });
    const rig = await connect(server.url);
    rig.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] } });
    rig.send({ type: 'response.create' });
    await new Promise<void>((r) => rig.ws.once('close', () => r()));
    expect(rig.closed?.code).toBe(1006);
    expect(rig.received.some((r) => r.event.type === 'response.output_audio.delta')).toBe(true);
  });

  it('browser-style subprotocols: realtime selected, key and beta from the protocol list; deflate offers accepted without it', async () => {
    const server = await start({ apiKey: 'sk-proto' });
    const ws = new WebSocket(server.url + '?model=gpt-4o-realtime-preview', ['realtime', 'openai-insecure-api-key.sk-proto', 'openai-beta.realtime-v1'], {
      perMessageDeflate: true,
    });
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (d) => resolve(d.toString()));
      ws.once('error', reject);
    });
    expect(ws.protocol).toBe('realtime');
    expect(ws.extensions).toBe('');
    expect(JSON.parse(first)).toMatchObject({ type: 'session.created', session: { modalities: ['text', 'audio'] } });
    ws.terminate();
  });

  it('pings like the service (interval configurable); the session stays up', async () => {
    const server = await start({ pingIntervalMs: 40 });
    const rig = await connect(server.url);
    await new Promise<void>((r) => rig.ws.once('ping', () => r()));
    rig.send({ type: 'session.update', session: { instructions: 'x' } });
    await rig.waitForType('session.updated');
  });

  it('TLS: wss:// with a self-signed certificate made at start', async () => {
    const server = await start({ tls: true, firstAudioMs: 50, jitterMs: 0 });
    expect(server.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/v1\/realtime$/);
    expect(server.caPem).toContain('BEGIN CERTIFICATE');
    await expect(WsRig.connect(server.url, new RealClock())).rejects.toThrow();
    const rig = await connect(server.url, { ca: server.caPem });
    await rig.waitForType('session.created');
    // Given PEM material (--cert/--key) serves the same way.
    const material = await makeSelfSignedCert();
    const given = await start({ tls: material });
    const rig2 = await connect(given.url, { ca: material.cert });
    await rig2.waitForType('session.created');
  });
});
