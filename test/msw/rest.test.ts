import { describe, expect, it } from 'vitest';
import { realtimeRestHandlers } from '../../src/msw/index.js';
import { NOW, useRealtimeRest } from './setup.js';

/**
 * Truth: the request and response shapes of the `openai` package's type definitions
 * (resources/realtime/client-secrets.d.ts, resources/beta/realtime/sessions.d.ts,
 * transcription-sessions.d.ts), OpenAI's documented error envelope, and docs/protocol-notes.md's WebRTC routes.
 * Each test gets a fresh handler set, so ids start at 000001.
 */
const KEY = 'sk-test-msw-123456';
const OPENAI = 'https://api.openai.com';
const AZURE = 'https://myres.openai.azure.com';

const { recorded, server } = useRealtimeRest(KEY);

const post = (url: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${KEY}` }) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('GA POST /v1/realtime/client_secrets', () => {
  it('mints an ephemeral key with the requested session and expiry', async () => {
    const body = {
      expires_after: { anchor: 'created_at', seconds: 120 },
      session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Be brief.', audio: { output: { voice: 'marin' } } },
    };
    const res = await post(`${OPENAI}/v1/realtime/client_secrets`, body);
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json).toMatchObject({
      value: 'ek_mock_000001',
      expires_at: NOW + 120,
      session: {
        id: 'sess_mock_000002',
        object: 'realtime.session',
        type: 'realtime',
        model: 'gpt-realtime',
        instructions: 'Be brief.',
        output_modalities: ['audio'],
        audio: { input: { format: { type: 'audio/pcm', rate: 24000 } }, output: { voice: 'marin', format: { type: 'audio/pcm', rate: 24000 } } },
      },
    });
    expect(recorded).toEqual([
      {
        endpoint: 'openai.client_secrets',
        method: 'POST',
        url: `${OPENAI}/v1/realtime/client_secrets`,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body,
      },
    ]);
  });

  it('defaults the expiry to 600 s; a transcription session needs no model', async () => {
    const res = await post(`${OPENAI}/v1/realtime/client_secrets`, {
      session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } } },
    });
    const json = await res.json();
    expect(json.expires_at).toBe(NOW + 600);
    expect(json.session).toMatchObject({
      object: 'realtime.transcription_session',
      type: 'transcription',
      audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } },
    });
  });

  it.each([
    [
      'no model',
      { session: { type: 'realtime' } },
      { message: "Missing required parameter: 'session.model'.", type: 'invalid_request_error', param: 'session.model', code: 'missing_required_parameter' },
    ],
    [
      'no session at all',
      {},
      { message: "Missing required parameter: 'session.model'.", type: 'invalid_request_error', param: 'session.model', code: 'missing_required_parameter' },
    ],
    [
      'no session type',
      { session: { model: 'gpt-realtime' } },
      { message: "Missing required parameter: 'session.type'.", type: 'invalid_request_error', param: 'session.type', code: 'missing_required_parameter' },
    ],
    [
      'unknown session type',
      { session: { type: 'chat', model: 'gpt-realtime' } },
      {
        message: "Invalid value: 'chat'. Supported values are: 'realtime', 'transcription'.",
        type: 'invalid_request_error',
        param: 'session.type',
        code: 'invalid_value',
      },
    ],
    [
      'expiry out of range',
      { expires_after: { anchor: 'created_at', seconds: 5 }, session: { type: 'realtime', model: 'gpt-realtime' } },
      {
        message: "Invalid 'expires_after.seconds': expected an integer between 10 and 7200, got 5.",
        type: 'invalid_request_error',
        param: 'expires_after.seconds',
        code: 'invalid_value',
      },
    ],
    [
      'model not a string',
      { session: { type: 'realtime', model: 42 } },
      {
        message: "Invalid type for 'session.model': expected a string, but got number instead.",
        type: 'invalid_request_error',
        param: 'session.model',
        code: 'invalid_type',
      },
    ],
  ])("400 for %s, in OpenAI's error envelope", async (_name, body, error) => {
    const res = await post(`${OPENAI}/v1/realtime/client_secrets`, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error });
  });

  it('400 for a body that is not JSON', async () => {
    const res = await post(`${OPENAI}/v1/realtime/client_secrets`, '{not json');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ type: 'invalid_request_error', param: null });
  });

  it('401 for a wrong key (never echoed) and for no key', async () => {
    const wrong = await post(`${OPENAI}/v1/realtime/client_secrets`, {}, { Authorization: 'Bearer sk-wrong-key-999' });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(JSON.parse(text).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key', param: null });
    expect(text).not.toContain('sk-wrong-key-999');
    const none = await post(`${OPENAI}/v1/realtime/client_secrets`, {}, {});
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBeNull();
  });
});

describe('beta POST /v1/realtime/sessions and /transcription_sessions', () => {
  it('session with client_secret; requested fields echoed, client_secret options consumed', async () => {
    const body = {
      model: 'gpt-4o-realtime-preview',
      voice: 'verse',
      modalities: ['audio', 'text'],
      client_secret: { expires_after: { anchor: 'created_at', seconds: 60 } },
    };
    const res = await post(`${OPENAI}/v1/realtime/sessions`, body);
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json).toMatchObject({
      id: 'sess_mock_000001',
      object: 'realtime.session',
      model: 'gpt-4o-realtime-preview',
      voice: 'verse',
      input_audio_format: 'pcm16',
      turn_detection: { type: 'server_vad', silence_duration_ms: 500 },
      client_secret: { value: 'ek_mock_000002', expires_at: NOW + 60 },
    });
    expect(recorded[0]).toMatchObject({ endpoint: 'openai.sessions', body });
  });

  it('400 without a model, 400 for a bad audio format', async () => {
    const noModel = await post(`${OPENAI}/v1/realtime/sessions`, { voice: 'alloy' });
    expect(noModel.status).toBe(400);
    expect(await noModel.json()).toEqual({
      error: { message: "Missing required parameter: 'model'.", type: 'invalid_request_error', param: 'model', code: 'missing_required_parameter' },
    });
    const badFormat = await post(`${OPENAI}/v1/realtime/sessions`, { model: 'gpt-4o-realtime-preview', input_audio_format: 'pcm24' });
    expect((await badFormat.json()).error).toMatchObject({ param: 'input_audio_format', code: 'invalid_value' });
  });

  it('transcription session needs no model', async () => {
    const res = await post(`${OPENAI}/v1/realtime/transcription_sessions`, { input_audio_transcription: { model: 'gpt-4o-transcribe', language: 'en' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      object: 'realtime.transcription_session',
      input_audio_transcription: { model: 'gpt-4o-transcribe', language: 'en' },
      client_secret: { value: 'ek_mock_000002', expires_at: NOW + 600 },
    });
  });
});

describe('Azure', () => {
  it('GA client_secrets under /openai/v1 with the api-key header', async () => {
    const res = await post(`${AZURE}/openai/v1/realtime/client_secrets`, { session: { type: 'realtime', model: 'my-deployment' } }, { 'api-key': KEY });
    expect(res.status).toBe(200);
    expect((await res.json()).session.model).toBe('my-deployment');
    expect(recorded[0]).toMatchObject({ endpoint: 'azure.client_secrets', headers: { 'api-key': KEY } });
  });

  it("any resource host matches; a wrong key gets Azure's 401 envelope", async () => {
    const res = await post(
      'https://other-res.openai.azure.com/openai/v1/realtime/client_secrets',
      { session: { type: 'realtime', model: 'd' } },
      { 'api-key': 'nope-nope' },
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('401');
  });

  it('preview /openai/realtimeapi/sessions needs ?api-version=, answers the beta shape', async () => {
    const missing = await post(`${AZURE}/openai/realtimeapi/sessions`, { model: 'gpt-4o-realtime-preview' }, { 'api-key': KEY });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.code).toBe('MissingApiVersionParameter');
    const ok = await post(
      `${AZURE}/openai/realtimeapi/sessions?api-version=2025-04-01-preview`,
      { model: 'gpt-4o-realtime-preview', voice: 'alloy' },
      { 'api-key': KEY },
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      object: 'realtime.session',
      model: 'gpt-4o-realtime-preview',
      client_secret: { value: expect.stringMatching(/^ek_/) },
    });
  });
});

describe('WebRTC POST /v1/realtime/calls (shape only)', () => {
  const OFFER = [
    'v=0',
    'o=- 1 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=mid:0',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'a=mid:1',
    '',
  ].join('\r\n');

  it('takes an application/sdp offer with an ephemeral key and answers 201 with SDP and Location', async () => {
    const secret = await (await post(`${OPENAI}/v1/realtime/client_secrets`, { session: { type: 'realtime', model: 'gpt-realtime' } })).json();
    const res = await fetch(`${OPENAI}/v1/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret.value}`, 'Content-Type': 'application/sdp' },
      body: OFFER,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/sdp');
    expect(res.headers.get('location')).toBe('/v1/realtime/calls/rtc_mock_000003');
    const answer = await res.text();
    expect(answer.startsWith('v=0\r\n')).toBe(true);
    expect(answer).toContain('a=group:BUNDLE 0 1');
    expect(answer.match(/^m=/gm)).toHaveLength(2);
    expect(recorded[1]).toMatchObject({ endpoint: 'openai.calls', body: OFFER, headers: { 'content-type': 'application/sdp' } });
  });

  it('takes a multipart form with sdp and a JSON session', async () => {
    const form = new FormData();
    form.set('sdp', OFFER);
    form.set('session', JSON.stringify({ type: 'realtime', model: 'gpt-realtime' }));
    const res = await fetch(`${OPENAI}/v1/realtime/calls`, { method: 'POST', headers: { Authorization: `Bearer ${KEY}` }, body: form });
    expect(res.status).toBe(201);
    expect(recorded[0].body).toEqual({ sdp: OFFER, session: { type: 'realtime', model: 'gpt-realtime' } });
  });

  it('400 for something that is not an SDP offer; 401 for an unknown key', async () => {
    const bad = await fetch(`${OPENAI}/v1/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/sdp' },
      body: 'hello',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ param: 'sdp', code: 'invalid_offer' });
    const unknown = await fetch(`${OPENAI}/v1/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: 'Bearer ek_not_issued', 'Content-Type': 'application/sdp' },
      body: OFFER,
    });
    expect(unknown.status).toBe(401);
  });
});

describe('options', () => {
  it('baseUrl moves the OpenAI routes; requireModel: false lets the model default', async () => {
    server.resetHandlers(...realtimeRestHandlers({ baseUrl: 'http://localhost:8089/', requireModel: false }));
    const res = await post('http://localhost:8089/v1/realtime/client_secrets', {}, { Authorization: 'Bearer any-key-at-all' });
    expect(res.status).toBe(200);
    expect((await res.json()).session.model).toBe('gpt-realtime-2.1');
  });
});
