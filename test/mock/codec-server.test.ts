/**
 * The server-side encoder additions the mock needs (src/protocol): session identity fields survive
 * `encodeServer`, and a neutral response object (flat output_audio_format/voice/output_modalities)
 * is written in each dialect's shape (GA `audio.output`, beta `modalities`), per the SDK types.
 */
import { describe, expect, it } from 'vitest';
import { codecFor } from '../../src/protocol/index.js';

describe('encodeServer for the mock', () => {
  it('keeps session id/object/expires_at in both dialects', () => {
    const session = { object: 'realtime.session', id: 'sess_1', expires_at: 123, model: 'm', voice: 'alloy', input_audio_format: 'pcm16' };
    const ga = JSON.parse(codecFor('ga').encodeServer({ type: 'session.created', event_id: 'e', session })!);
    expect(ga.session).toMatchObject({ object: 'realtime.session', id: 'sess_1', expires_at: 123, type: 'realtime', audio: { output: { voice: 'alloy' } } });
    const beta = JSON.parse(codecFor('beta').encodeServer({ type: 'session.created', event_id: 'e', session })!);
    expect(beta.session).toMatchObject({ object: 'realtime.session', id: 'sess_1', expires_at: 123, voice: 'alloy', input_audio_format: 'pcm16' });
  });

  it('writes the response object in each dialect', () => {
    const response = { id: 'resp_1', status: 'in_progress', output_modalities: ['audio'], output_audio_format: 'g711_ulaw', voice: 'verse', output: [] };
    const ga = JSON.parse(codecFor('ga').encodeServer({ type: 'response.created', event_id: 'e', response })!);
    expect(ga.response).toEqual({
      id: 'resp_1',
      status: 'in_progress',
      output_modalities: ['audio'],
      audio: { output: { format: { type: 'audio/pcmu' }, voice: 'verse' } },
      output: [],
    });
    const beta = JSON.parse(codecFor('beta').encodeServer({ type: 'response.done', event_id: 'e', response })!);
    expect(beta.response).toEqual({
      id: 'resp_1',
      status: 'in_progress',
      modalities: ['text', 'audio'],
      output_audio_format: 'g711_ulaw',
      voice: 'verse',
      output: [],
    });
    // Already-GA objects pass unchanged.
    const gaShaped = { id: 'r', audio: { output: { voice: 'x' } } };
    expect(JSON.parse(codecFor('ga').encodeServer({ type: 'response.done', response: gaShaped })!).response).toEqual(gaShaped);
  });
});
