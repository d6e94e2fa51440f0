import OpenAI, { AuthenticationError, BadRequestError } from 'openai';
import { describe, expect, it } from 'vitest';
import { NOW, useRealtimeRest } from './setup.js';

/**
 * Truth: the official `openai` SDK (6.49) talking to the handlers — its methods, the requests it
 * actually sends (method, URL, auth and beta headers, JSON body), and its typed results and
 * errors (`BadRequestError` carries the `param`/`code` of OpenAI's error envelope).
 */
const KEY = 'sk-test-sdk-123456';

const { recorded } = useRealtimeRest(KEY);

const client = (apiKey = KEY, baseURL = 'https://api.openai.com/v1') => new OpenAI({ apiKey, baseURL, maxRetries: 0 });

describe('openai SDK against realtimeRestHandlers', () => {
  it('client.realtime.clientSecrets.create (GA)', async () => {
    const params = {
      expires_after: { anchor: 'created_at' as const, seconds: 300 },
      session: { type: 'realtime' as const, model: 'gpt-realtime', instructions: 'Be brief.' },
    };
    const secret = await client().realtime.clientSecrets.create(params);
    expect(secret.value).toBe('ek_mock_000001');
    expect(secret.expires_at).toBe(NOW + 300);
    expect(secret.session).toMatchObject({ type: 'realtime', object: 'realtime.session', model: 'gpt-realtime', instructions: 'Be brief.' });
    expect(recorded).toHaveLength(1);
    const req = recorded[0];
    expect([req.endpoint, req.method, req.url]).toEqual(['openai.client_secrets', 'POST', 'https://api.openai.com/v1/realtime/client_secrets']);
    expect(req.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'content-type': 'application/json', accept: 'application/json' });
    expect(req.headers['openai-beta']).toBeUndefined();
    expect(req.body).toEqual(params);
  });

  it('client.beta.realtime.sessions.create (beta) — the SDK sends OpenAI-Beta: assistants=v2', async () => {
    const session = await client().beta.realtime.sessions.create({ model: 'gpt-4o-realtime-preview', voice: 'verse', input_audio_format: 'pcm16' });
    expect(session.client_secret).toEqual({ value: 'ek_mock_000002', expires_at: NOW + 600 });
    expect(session.voice).toBe('verse');
    const req = recorded[0];
    expect([req.endpoint, req.url]).toEqual(['openai.sessions', 'https://api.openai.com/v1/realtime/sessions']);
    expect(req.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'openai-beta': 'assistants=v2' });
    expect(req.body).toEqual({ model: 'gpt-4o-realtime-preview', voice: 'verse', input_audio_format: 'pcm16' });
  });

  it('client.beta.realtime.transcriptionSessions.create', async () => {
    const t = await client().beta.realtime.transcriptionSessions.create({ input_audio_transcription: { model: 'gpt-4o-transcribe' } });
    expect(t.client_secret.value).toMatch(/^ek_mock_/);
    expect(t.input_audio_transcription?.model).toBe('gpt-4o-transcribe');
    expect(recorded[0]).toMatchObject({ endpoint: 'openai.transcription_sessions', url: 'https://api.openai.com/v1/realtime/transcription_sessions' });
  });

  it('a missing model surfaces as BadRequestError with param and code', async () => {
    const err = await client()
      .beta.realtime.sessions.create({})
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ status: 400, param: 'model', code: 'missing_required_parameter', type: 'invalid_request_error' });
  });

  it('a wrong key surfaces as AuthenticationError', async () => {
    const err = await client('sk-wrong-000000')
      .realtime.clientSecrets.create({ session: { type: 'realtime', model: 'gpt-realtime' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ status: 401, code: 'invalid_api_key' });
  });

  it('Azure GA through the OpenAI client with baseURL …/openai/v1', async () => {
    const secret = await client(KEY, 'https://myres.openai.azure.com/openai/v1').realtime.clientSecrets.create({
      session: { type: 'realtime', model: 'my-deployment' },
    });
    expect(secret.session).toMatchObject({ model: 'my-deployment' });
    expect(recorded[0]).toMatchObject({
      endpoint: 'azure.client_secrets',
      url: 'https://myres.openai.azure.com/openai/v1/realtime/client_secrets',
      headers: { authorization: `Bearer ${KEY}` },
    });
  });
});
