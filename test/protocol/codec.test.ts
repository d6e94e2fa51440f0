import { describe, expect, it } from 'vitest';
import { elideAudioDelta, elideAudioDeltaBytes } from '../../src/protocol/codec.js';
import { betaCodec, codecFor, gaCodec, type SessionConfig } from '../../src/protocol/index.js';

const neutral: SessionConfig = {
  instructions: 'Be brief.',
  voice: 'alloy',
  output_modalities: ['audio'],
  input_audio_format: 'pcm16',
  output_audio_format: 'g711_ulaw',
  input_audio_transcription: { model: 'gpt-4o-mini-transcribe' },
  turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 },
  tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
  tool_choice: 'auto',
  max_output_tokens: 'inf',
};

describe('GA codec', () => {
  it('nests session config as the GA API expects (truth: docs/protocol-notes.md, GA session shape)', () => {
    const wire = JSON.parse(gaCodec.encodeClient({ type: 'session.update', session: neutral }));
    expect(wire.session).toEqual({
      type: 'realtime',
      instructions: 'Be brief.',
      output_modalities: ['audio'],
      audio: {
        input: { format: { type: 'audio/pcm', rate: 24000 }, transcription: { model: 'gpt-4o-mini-transcribe' }, turn_detection: neutral.turn_detection },
        output: { format: { type: 'audio/pcmu' }, voice: 'alloy' },
      },
      tools: neutral.tools,
      tool_choice: 'auto',
      max_output_tokens: 'inf',
    });
  });

  it('round-trips the session through the wire shape', () => {
    const wire = gaCodec.sessionToWire(neutral);
    expect(gaCodec.sessionFromWire(wire)).toEqual(neutral);
  });

  it('builds the append frame by concatenation, equal to JSON.stringify', () => {
    const b64 = Buffer.from([1, 2, 3, 4]).toString('base64');
    expect(JSON.parse(gaCodec.appendFrame(b64))).toEqual({ type: 'input_audio_buffer.append', audio: b64 });
  });

  it('never throws on bad frames: returns an unknown event with the raw text', () => {
    expect(gaCodec.decodeServer('{not json')).toMatchObject({ type: '$unknown', reason: 'invalid JSON' });
    expect(gaCodec.decodeServer('[1,2]')).toMatchObject({ type: '$unknown', reason: 'not a JSON object' });
    expect(gaCodec.decodeServer('{"type":5}')).toMatchObject({ type: '$unknown', reason: 'missing string "type"' });
  });
});

describe('beta codec', () => {
  it('flattens session config with beta names (truth: docs/protocol-notes.md, beta session shape)', () => {
    const wire = JSON.parse(betaCodec.encodeClient({ type: 'session.update', session: { ...neutral, temperature: 0.7 } }));
    expect(wire.session).toEqual({
      instructions: 'Be brief.',
      modalities: ['text', 'audio'],
      voice: 'alloy',
      input_audio_format: 'pcm16',
      output_audio_format: 'g711_ulaw',
      input_audio_transcription: { model: 'gpt-4o-mini-transcribe' },
      turn_detection: neutral.turn_detection,
      tools: neutral.tools,
      tool_choice: 'auto',
      temperature: 0.7,
      max_response_output_tokens: 'inf',
    });
    expect(betaCodec.sessionFromWire(wire.session)).toEqual({ ...neutral, temperature: 0.7 });
  });

  it('renames server events both ways and maps content part types', () => {
    const wire = betaCodec.encodeServer({
      type: 'response.output_audio.delta',
      response_id: 'r',
      item_id: 'i',
      output_index: 0,
      content_index: 0,
      delta: 'AAAA',
    })!;
    expect(JSON.parse(wire).type).toBe('response.audio.delta');
    expect(betaCodec.decodeServer(wire).type).toBe('response.output_audio.delta');
    const added = JSON.parse(
      betaCodec.encodeServer({
        type: 'conversation.item.added',
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_audio', transcript: 'hi' }] },
      })!,
    );
    expect(added.type).toBe('conversation.item.created');
    expect(added.item.content[0].type).toBe('audio');
    expect(betaCodec.encodeServer({ type: 'conversation.item.done' })).toBeNull();
    for (const [ga, beta] of [
      ['response.output_audio_transcript.delta', 'response.audio_transcript.delta'],
      ['response.output_text.done', 'response.text.done'],
      ['response.output_audio.done', 'response.audio.done'],
    ]) {
      expect(JSON.parse(betaCodec.encodeServer({ type: ga })!).type).toBe(beta);
      expect(betaCodec.decodeServer(JSON.stringify({ type: beta })).type).toBe(ga);
    }
  });

  it('keeps names both dialects share', () => {
    for (const name of ['input_audio_buffer.speech_started', 'response.done', 'error', 'session.created']) {
      expect(JSON.parse(betaCodec.encodeServer({ type: name })!).type).toBe(name);
      expect(JSON.parse(gaCodec.encodeServer({ type: name })!).type).toBe(name);
    }
    expect(codecFor('beta')).toBe(betaCodec);
    expect(codecFor('ga')).toBe(gaCodec);
  });

  it('maps response.create config per dialect', () => {
    const ga = JSON.parse(
      gaCodec.encodeClient({ type: 'response.create', response: { output_modalities: ['audio'], voice: 'ash', output_audio_format: 'pcm16' } }),
    );
    expect(ga.response).toEqual({ output_modalities: ['audio'], audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'ash' } } });
    expect((gaCodec.decodeClient(JSON.stringify(ga)) as { response?: unknown }).response).toEqual({
      output_modalities: ['audio'],
      voice: 'ash',
      output_audio_format: 'pcm16',
    });
    const beta = JSON.parse(betaCodec.encodeClient({ type: 'response.create', response: { output_modalities: ['audio'] } }));
    expect(beta.response).toEqual({ modalities: ['text', 'audio'] });
  });
});

describe('audio-delta elision on the receive path', () => {
  const audio = Buffer.alloc(4801, 7).toString('base64'); // 4801 bytes → "=" padding
  const frame = (type: string) => JSON.stringify({ type, event_id: 'e1', response_id: 'r1', item_id: 'i1', output_index: 0, content_index: 0, delta: audio });

  it('reports the decoded size without materializing the payload (truth: Buffer length)', () => {
    for (const [codec, type] of [
      [gaCodec, 'response.output_audio.delta'],
      [betaCodec, 'response.audio.delta'],
    ] as const) {
      const e = codec.decodeServer(frame(type), { elideAudio: true }) as Record<string, unknown>;
      expect(e).toMatchObject({ type: 'response.output_audio.delta', response_id: 'r1', item_id: 'i1', delta: '', audio_bytes: 4801 });
      expect((codec.decodeServer(frame(type)) as Record<string, unknown>).delta).toBe(audio);
    }
  });

  it('leaves every other frame alone', () => {
    const transcript = JSON.stringify({ type: 'response.output_audio_transcript.delta', delta: 'x'.repeat(500) });
    expect(gaCodec.decodeServer(transcript, { elideAudio: true })).toEqual(JSON.parse(transcript));
    expect(gaCodec.decodeServer('{"type":"response.done"}', { elideAudio: true })).toEqual({ type: 'response.done' });
  });

  it('elides the same text from the bytes of a frame as from its string, for every shape of frame', () => {
    const frames: string[] = [];
    for (const bytes of [4800, 4801, 4802, 0, 3, 100]) {
      const b64 = Buffer.alloc(bytes, bytes % 251).toString('base64');
      for (const type of ['response.output_audio.delta', 'response.audio.delta', 'response.output_audio_transcript.delta', 'response.output_text.delta']) {
        frames.push(JSON.stringify({ type, event_id: 'event_1', response_id: 'resp_1', item_id: 'item_1', output_index: 0, content_index: 0, delta: b64 }));
        frames.push(JSON.stringify({ delta: b64, content_index: 0, type, event_id: 'event_2' })); // key order is not fixed
        frames.push(JSON.stringify({ type, event_id: 'é_non_ascii', delta: b64 }));
      }
    }
    frames.push('{"type":"response.output_audio.delta","delta":"AAAA'); // torn frame (the malformed fault)
    frames.push(JSON.stringify({ type: 'response.output_audio.delta', note: 'x'.repeat(300) })); // no delta
    frames.push(JSON.stringify({ type: 'response.done', response: { output: [{ delta: 'ab', type: 'x.audio.delta' }] }, pad: 'y'.repeat(300) }));
    let elided = 0;
    for (const f of frames) {
      const fromBytes = elideAudioDeltaBytes(Buffer.from(f));
      const fromString = elideAudioDelta(f);
      if (fromBytes !== null) {
        elided++;
        expect(fromBytes).toBe(fromString);
      } else if (/^[\x00-\x7f]*$/.test(f)) expect(fromString).toBeNull();
    }
    expect(elided).toBeGreaterThanOrEqual(12); // the ASCII audio deltas of 4.8 kB, in both key orders and both dialects
  });

  it('a frame elided on the socket decodes to the same event as the whole frame elided by the codec', () => {
    for (const [codec, type] of [
      [gaCodec, 'response.output_audio.delta'],
      [betaCodec, 'response.audio.delta'],
    ] as const) {
      const pre = elideAudioDeltaBytes(Buffer.from(frame(type)));
      expect(pre).not.toBeNull();
      expect(codec.decodeServer(pre as string, { elideAudio: true })).toEqual(codec.decodeServer(frame(type), { elideAudio: true }));
    }
  });
});
