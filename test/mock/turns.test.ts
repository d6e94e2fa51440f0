/**
 * Turn detection and first-audio timing on the virtual clock, where the mock must be exact:
 * the first audio delta comes D ms after speech_stopped (docs/protocol-notes.md timing fields; docs/metrics.md
 * vad_to_first_audio_ms), audio_start_ms = onset − prefix_padding_ms, audio_end_ms = end of
 * speech + silence_duration_ms.
 */
import { describe, expect, it } from 'vitest';
import { toneSpeech, VirtualRig } from './helpers.js';

describe('server VAD', () => {
  async function turn(silenceMs: number, opts: { prefixMs?: number; threshold?: number } = {}) {
    const rig = new VirtualRig({ mock: { firstAudioMs: 400, jitterMs: 0 } });
    rig.send({
      type: 'session.update',
      session: { turn_detection: { type: 'server_vad', silence_duration_ms: silenceMs, prefix_padding_ms: opts.prefixMs, threshold: opts.threshold } },
    });
    // 500 ms of silence, 1000 ms of tone, 2000 ms of silence: onset at 500, end of speech at 1500.
    rig.streamAudio(toneSpeech(1000, 2000, 24000, 500), { startMs: 0 });
    await rig.run(rig.waitForType('response.done'));
    const started = rig.of('input_audio_buffer.speech_started')[0];
    const stopped = rig.of('input_audio_buffer.speech_stopped')[0];
    return { rig, started, stopped, startMs: started.event.audio_start_ms as number, endMs: stopped.event.audio_end_ms as number };
  }

  it('reports audio_start_ms = onset − prefix padding and audio_end_ms = end + silence', async () => {
    const a = await turn(500);
    expect(a.startMs).toBe(200);
    expect(a.endMs).toBe(2000);
    // speech_stopped goes out with the chunk that completes the silence (sent at 2000 ms).
    expect(a.stopped.t).toBe(2000);
    expect(a.started.event.item_id).toBe(a.stopped.event.item_id);
    expect(a.rig.of('input_audio_buffer.committed')[0].event.item_id).toBe(a.stopped.event.item_id);
  });

  it('honours silence_duration_ms: +200 ms of silence setting moves audio_end_ms by +200', async () => {
    const a = await turn(300);
    const b = await turn(500);
    expect(b.endMs - a.endMs).toBe(200);
    expect(b.stopped.t - a.stopped.t).toBe(200);
  });

  it('honours prefix_padding_ms and threshold', async () => {
    expect((await turn(500, { prefixMs: 100 })).startMs).toBe(400);
    // A quiet tone (≈ −27 dBFS) is speech at the default threshold but not at 0.8 (louder than −27 dBFS).
    const quiet = async (threshold: number) => {
      const rig = new VirtualRig();
      rig.send({ type: 'session.update', session: { turn_detection: { type: 'server_vad', threshold } } });
      rig.streamAudio(toneSpeech(1000, 1000, 24000, 500, 2000), { startMs: 0 });
      await rig.advance(4000);
      return rig.of('input_audio_buffer.speech_started').length;
    };
    expect(await quiet(0.5)).toBe(1);
    expect(await quiet(0.8)).toBe(0);
  });

  it('echoes effective turn detection with defaults filled (profile silence default)', async () => {
    const ga = new VirtualRig({ model: 'gpt-realtime' });
    ga.send({ type: 'session.update', session: { turn_detection: { type: 'server_vad' } } });
    await ga.run(ga.waitForType('session.updated'));
    const wire = JSON.parse(ga.last('session.updated')!.raw) as { session: { audio: { input: { turn_detection: unknown } } } };
    expect(wire.session.audio.input.turn_detection).toEqual({
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 300,
      silence_duration_ms: 200,
      create_response: true,
      interrupt_response: true,
      idle_timeout_ms: null,
    });
    const preview = new VirtualRig({ model: 'gpt-4o-realtime-preview-2024-12-17', dialect: 'beta' });
    await preview.run(preview.waitForType('session.created'));
    const created = JSON.parse(preview.received[0].raw) as { session: { turn_detection: { silence_duration_ms: number } } };
    expect(created.session.turn_detection.silence_duration_ms).toBe(500);
    const semantic = new VirtualRig();
    semantic.send({ type: 'session.update', session: { turn_detection: { type: 'semantic_vad' } } });
    await semantic.run(semantic.waitForType('session.updated'));
    expect(semantic.last('session.updated')!.event.session).toMatchObject({
      turn_detection: { type: 'semantic_vad', eagerness: 'auto', create_response: true, interrupt_response: true },
    });
  });

  it('semantic_vad waits an eagerness-dependent silence (high < auto < low)', async () => {
    const endFor = async (eagerness: string) => {
      const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
      rig.send({ type: 'session.update', session: { turn_detection: { type: 'semantic_vad', eagerness } } });
      rig.streamAudio(toneSpeech(1000, 3000, 24000, 500), { startMs: 0 });
      await rig.run(rig.waitForType('input_audio_buffer.speech_stopped'));
      return rig.of('input_audio_buffer.speech_stopped')[0].event.audio_end_ms as number;
    };
    const [high, auto, low] = [await endFor('high'), await endFor('auto'), await endFor('low')];
    expect(high).toBe(1500 + 400);
    expect(auto).toBe(1500 + 800);
    expect(low).toBe(1500 + 1500);
  });
});

describe('first audio timing', () => {
  it('first audio delta exactly firstAudioMs after speech_stopped (jitter 0)', async () => {
    for (const d of [0, 250, 1234.5]) {
      const rig = new VirtualRig({ mock: { firstAudioMs: d, jitterMs: 0 } });
      rig.streamAudio(toneSpeech(800, 1500, 24000, 300), { startMs: 0 });
      await rig.run(rig.waitForType('response.done'));
      const stopped = rig.of('input_audio_buffer.speech_stopped')[0].t;
      const first = rig.of('response.output_audio.delta')[0].t;
      expect(first - stopped).toBe(d);
      expect(rig.of('response.created')[0].t).toBeLessThanOrEqual(first);
    }
  });

  it('directives override the server settings per connection', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 900, jitterMs: 0 }, directives: { first_audio_ms: 321, jitter_ms: 0 } });
    rig.streamAudio(toneSpeech(800, 1500, 24000, 300), { startMs: 0 });
    await rig.run(rig.waitForType('response.output_audio.delta'));
    expect(rig.of('response.output_audio.delta')[0].t - rig.of('input_audio_buffer.speech_stopped')[0].t).toBe(321);
  });

  it('profile spread is seeded: same seed same delays, other seed other delays, all within bounds', async () => {
    const delays = async (seed: number) => {
      const out: number[] = [];
      for (let i = 0; i < 3; i++) {
        const rig = new VirtualRig({ mock: { seed, profile: 'gpt-realtime' }, directives: { seed: seed * 10 + i } });
        rig.streamAudio(toneSpeech(800, 1500, 24000, 300), { startMs: 0 });
        await rig.run(rig.waitForType('response.output_audio.delta'));
        out.push(rig.of('response.output_audio.delta')[0].t - rig.of('input_audio_buffer.speech_stopped')[0].t);
      }
      return out;
    };
    const a = await delays(7);
    expect(await delays(7)).toEqual(a);
    expect(await delays(8)).not.toEqual(a);
    for (const d of a) expect(d).toBeGreaterThanOrEqual(250);
    expect(new Set(a).size).toBe(3);
  });

  it('jitterMs N spreads uniformly within ±N', async () => {
    for (let seed = 0; seed < 5; seed++) {
      const rig = new VirtualRig({ mock: { firstAudioMs: 500, jitterMs: 50, seed } });
      rig.streamAudio(toneSpeech(800, 1500, 24000, 300), { startMs: 0 });
      await rig.run(rig.waitForType('response.output_audio.delta'));
      const d = rig.of('response.output_audio.delta')[0].t - rig.of('input_audio_buffer.speech_stopped')[0].t;
      expect(Math.abs(d - 500)).toBeLessThanOrEqual(50);
    }
  });

  it('streams the whole answer faster than real time; response_audio_ms cuts it', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 200, jitterMs: 0, profile: 'fast' }, directives: { response_audio_ms: 1000 } });
    rig.streamAudio(toneSpeech(800, 1500, 24000, 300), { startMs: 0 });
    await rig.run(rig.waitForType('response.done'));
    const deltas = rig.of('response.output_audio.delta');
    const bytes = deltas.reduce((n, r) => n + Buffer.from(r.event.delta as string, 'base64').byteLength, 0);
    expect(bytes / 48).toBe(1000);
    const span = rig.last('response.done')!.t - deltas[0].t;
    expect(span).toBeLessThan(1000 / 4);
  });
});

describe('server_vad idle_timeout_ms (GA)', () => {
  it('fires after the answer has played plus the timeout: timeout_triggered, commit, a new response', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 200, jitterMs: 0, profile: 'fast' }, directives: { response_audio_ms: 1000 } });
    rig.send({ type: 'session.update', session: { turn_detection: { type: 'server_vad', idle_timeout_ms: 3000 } } });
    rig.streamAudio(toneSpeech(800, 1000, 24000, 300), { startMs: 0 });
    await rig.run(rig.waitForType('response.done', 2));
    const firstAudio = rig.of('response.output_audio.delta')[0].t;
    const timeout = rig.of('input_audio_buffer.timeout_triggered')[0];
    expect(timeout.t).toBe(firstAudio + 1000 + 3000);
    expect(timeout.event.item_id).toBe(rig.of('input_audio_buffer.committed')[1].event.item_id);
    expect(rig.of('response.created')[1].t).toBeGreaterThanOrEqual(timeout.t);
  });

  it('speech before the timeout cancels it', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 200, jitterMs: 0, profile: 'fast' }, directives: { response_audio_ms: 500 } });
    rig.send({ type: 'session.update', session: { turn_detection: { type: 'server_vad', idle_timeout_ms: 3000 } } });
    rig.streamAudio(toneSpeech(800, 1000, 24000, 300), { startMs: 0 });
    await rig.run(rig.waitForType('response.done'));
    rig.streamAudio(toneSpeech(600, 1000));
    await rig.run(rig.waitForType('input_audio_buffer.timeout_triggered'));
    // The first timeout comes only after the second answer: the speech cancelled the one armed by the first.
    const secondAnswer = rig.of('response.output_audio.delta').find((r) => r.event.response_id !== rig.of('response.output_audio.delta')[0].event.response_id)!;
    expect(rig.of('input_audio_buffer.timeout_triggered')[0].t).toBe(secondAnswer.t + 500 + 3000);
  });
});
