/**
 * The harness's WebRTC signalling against OpenAI's REST endpoints, intercepted by msw (the
 * bundled handlers): the exact requests a WebRTC session to `--target openai` makes. The answer
 * msw gives is shape-only (no ICE can complete), so the setup then fails closed with a clear code.
 */
import { describe, expect, it } from 'vitest';
import { RealClock } from '../../src/clock/real.js';
import { TransportError } from '../../src/transport/transport.js';
import { connectWebRtcEndpoint } from '../../src/transport/webrtc-connect.js';
import { webrtcAvailable } from '../../src/transport/webrtc-lib.js';
import { useRealtimeRest } from './setup.js';

const KEY = 'sk-test-webrtc-client';
const { recorded } = useRealtimeRest(KEY);
const openai = (key: string) => ({
  url: 'wss://api.openai.com/v1/realtime?model=gpt-realtime',
  headers: { Authorization: `Bearer ${key}` },
  dialect: 'ga' as const,
});

describe.skipIf(!webrtcAvailable())('WebRTC signalling to OpenAI (truth: the official WebRTC flow, recorded by msw)', () => {
  it('mints an ephemeral key with the standard key, then POSTs the SDP offer with it', async () => {
    const err = await connectWebRtcEndpoint(openai(KEY), { clock: new RealClock(), timeoutMs: 1500 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(recorded.map((r) => `${r.method} ${r.url} ${r.endpoint}`)).toEqual([
      'POST https://api.openai.com/v1/realtime/client_secrets openai.client_secrets',
      'POST https://api.openai.com/v1/realtime/calls openai.calls',
    ]);
    const [secret, call] = recorded;
    expect(secret.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(secret.headers['content-type']).toBe('application/json');
    expect(secret.body).toEqual({ session: { type: 'realtime', model: 'gpt-realtime' } });
    expect(call.headers.authorization).toBe('Bearer ek_mock_000001');
    expect(call.headers['content-type']).toBe('application/sdp');
    const sdp = String(call.body);
    expect(sdp).toMatch(/^v=0\r\n/);
    expect(sdp).toMatch(/\r\nm=audio \d+ UDP\/TLS\/RTP\/SAVPF [\d ]+\r\n/);
    expect(sdp).toMatch(/a=rtpmap:\d+ opus\/48000\/2/);
    expect(sdp).toMatch(/\r\nm=application \d+ UDP\/DTLS\/SCTP webrtc-datachannel/);
    expect(sdp).toContain('a=sendrecv');
    // msw's answer has placeholder ICE credentials: the call cannot come up, and says why.
    expect(err).toBeInstanceOf(TransportError);
    expect(['CONNECT_TIMEOUT', 'WEBRTC_SETUP_FAILED']).toContain((err as TransportError).code);
    expect((err as Error).message).toMatch(/ICE|DTLS|data channel/);
  });

  it('a refused key stops at the client secret with the HTTP status (retries can read it)', async () => {
    const err = (await connectWebRtcEndpoint(openai('sk-wrong'), { clock: new RealClock(), timeoutMs: 1500 }).catch((e: unknown) => e)) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.code).toBe('HANDSHAKE_REJECTED');
    expect(err.status).toBe(401);
    expect(recorded.map((r) => r.endpoint)).toEqual(['openai.client_secrets']);
  });
});
