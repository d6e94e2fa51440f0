/** Pure parts of the WebRTC transport: PCM plumbing, endpoint mapping, facts from a trace, plans. */
import { describe, expect, it } from 'vitest';
import { checkWebRtcPlan } from '../../src/app/connect-webrtc.js';
import type { TraceRecord } from '../../src/metrics/trace.js';
import { webrtcFacts } from '../../src/metrics/webrtc-facts.js';
import { quickPlan } from '../../src/scenario/quick.js';
import { webrtcEndpointOf } from '../../src/transport/webrtc-connect.js';
import { MIC_FRAME_SAMPLES, MicFramer } from '../../src/transport/webrtc-mic.js';
import { inSeparateTurns } from '../../src/transport/webrtc-turns.js';
import { RealClock } from '../../src/clock/real.js';
import { downsample48to24, FrameQueue, isDigitalSilence, pcmFromBase64, pcmToBase64, RTC_FRAME_SAMPLES, Upsampler } from '../../src/transport/webrtc-pcm.js';
import { TransportError } from '../../src/transport/transport.js';

describe('PCM between the API (24 kHz base64) and libwebrtc (48 kHz, 10 ms frames)', () => {
  it('base64 round-trips samples, and 24→48→24 kHz returns the signal (truth: a slow sine)', () => {
    const pcm = Int16Array.from({ length: 240 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 200 * i) / 24000)));
    expect(pcmFromBase64(pcmToBase64(pcm))).toEqual(pcm);
    const up = new Upsampler();
    const wide = up.process(pcm);
    expect(wide.length).toBe(480);
    const back = downsample48to24(wide);
    for (let i = 2; i < back.length; i++) expect(Math.abs(back[i] - pcm[i])).toBeLessThan(400);
  });

  it('hands out whole frames in order, pads the tail, and clears', () => {
    const q = new FrameQueue();
    q.push(Int16Array.from({ length: 700 }, (_, i) => i + 1));
    const f = q.shift()!;
    expect(f.length).toBe(RTC_FRAME_SAMPLES);
    expect(f[0]).toBe(1);
    expect(f[479]).toBe(480);
    expect(q.shift()).toBeNull();
    const tail = q.shiftPadded()!;
    expect(tail[0]).toBe(481);
    expect(tail[219]).toBe(700);
    expect(tail[220]).toBe(0);
    expect(q.length).toBe(0);
    q.push(new Int16Array(1000));
    q.clear();
    expect(q.shiftPadded()).toBeNull();
  });

  it('a 24 kHz queue hands out 240-sample frames (the mock pushes answers at 24 kHz)', () => {
    const q = new FrameQueue(24_000);
    q.push(Int16Array.from({ length: 500 }, (_, i) => i + 1));
    expect(q.ms).toBeCloseTo(500 / 24, 6);
    expect(q.shift()!.length).toBe(240);
    expect(q.shift()![239]).toBe(480);
    expect(q.shift()).toBeNull();
    const tail = q.shiftPadded()!;
    expect([tail.length, tail[19], tail[20]]).toEqual([240, 500, 0]);
  });

  it('the mic framer pushes every sample once, in order, in 10 ms frames at 24 kHz, from one reused array', () => {
    const pushed: number[][] = [];
    const arrays = new Set<Int16Array>();
    const mic = new MicFramer((d) => {
      expect(d.sampleRate).toBe(24_000);
      expect(d.samples.length).toBe(MIC_FRAME_SAMPLES);
      arrays.add(d.samples);
      pushed.push(Array.from(d.samples));
    });
    // Truth: a counting ramp, cut into a 20 ms chunk, an odd 7 ms + 13 ms pair, and one more 20 ms chunk.
    const ramp = Int16Array.from({ length: 1440 }, (_, i) => i - 700);
    const cuts = [0, 480, 480 + 168, 960, 1440];
    const counts = cuts.slice(1).map((end, k) => mic.write(pcmToBase64(ramp.subarray(cuts[k], end))));
    expect(counts).toEqual([2, 0, 2, 2]);
    expect(mic.pending).toBe(0);
    expect(pushed.flat()).toEqual(Array.from(ramp));
    expect(arrays.size).toBe(1);
  });

  it('blocking control calls run one per event-loop turn, in order, past a step that throws', async () => {
    const seen: string[] = [];
    const clock = new RealClock();
    // Truth: a timer that falls due while a step blocks (as a native call does, 3 ms) fires before
    // the next step — the pacer's chunks go out between the calls. In one turn it would fire last.
    const done = inSeparateTurns([
      () => {
        setTimeout(() => seen.push('timer'), 1);
        const start = clock.now();
        while (clock.now() - start < 3);
        seen.push('a');
      },
      () => {
        throw new Error('already closed');
      },
      () => seen.push('c'),
    ]);
    expect(seen).toEqual([]);
    await done;
    expect(seen).toEqual(['a', 'timer', 'c']);
  });

  it('digital silence is exactly zero (what libwebrtc outputs before any packet)', () => {
    expect(isDigitalSilence(new Int16Array(480))).toBe(true);
    const one = new Int16Array(480);
    one[77] = 1;
    expect(isDigitalSilence(one)).toBe(false);
  });
});

describe('WebRTC endpoints of a realtime target (truth: OpenAI REST paths)', () => {
  it('maps OpenAI and the mock, keeps directives, moves the key out of the headers', () => {
    const o = webrtcEndpointOf({ url: 'wss://api.openai.com/v1/realtime?model=gpt-realtime', headers: { Authorization: 'Bearer sk-1' }, dialect: 'ga' });
    expect(o).toEqual({
      callsUrl: 'https://api.openai.com/v1/realtime/calls',
      clientSecretsUrl: 'https://api.openai.com/v1/realtime/client_secrets',
      apiKey: 'sk-1',
      model: 'gpt-realtime',
      headers: {},
    });
    const m = webrtcEndpointOf({
      url: 'ws://127.0.0.1:4000/v1/realtime?model=gpt-realtime&rtbench_mock=abc',
      headers: { 'x-rtbench-mock': 'xyz' },
      dialect: 'ga',
    });
    expect(m.callsUrl).toBe('http://127.0.0.1:4000/v1/realtime/calls?rtbench_mock=abc');
    expect(m.headers).toEqual({ 'x-rtbench-mock': 'xyz' });
    expect(m.apiKey).toBeUndefined();
  });

  it('refuses beta and Azure deployments with a reason', () => {
    expect(() => webrtcEndpointOf({ url: 'wss://x/v1/realtime', headers: {}, dialect: 'beta' })).toThrow(/GA dialect only/);
    expect(() => webrtcEndpointOf({ url: 'wss://r.openai.azure.com/openai/realtime?api-version=1&deployment=d', headers: {}, dialect: 'ga' })).toThrow(
      TransportError,
    );
  });
});

describe('WebRTC facts from a trace (truth: hand-built trace)', () => {
  const s = 'x';
  const trace: TraceRecord[] = [
    { k: 'recv', s, t: 10, type: 'rtbench.webrtc.setup', event: { call_id: 'rtc_1', setup_ms: 80, secret_ms: 5, signaling_ms: 20, ice_ms: 4, dtls_ms: 3 } },
    { k: 'recv', s, t: 500, type: 'output_audio_buffer.started', event: { response_id: 'r1' } },
    { k: 'recv', s, t: 545, type: 'response.output_audio.delta', event: { response_id: 'r1', rtp: true, audio_bytes: 2400 } },
    { k: 'recv', s, t: 585, type: 'response.output_audio.delta', event: { response_id: 'r1', rtp: true, audio_bytes: 1920 } },
    { k: 'recv', s, t: 900, type: 'rtbench.webrtc.stats', event: { packets_received: 40, packets_lost: 0, jitter_ms: 1, jitter_buffer_delay_ms: 30 } },
    {
      k: 'recv',
      s,
      t: 2000,
      type: 'rtbench.webrtc.stats',
      event: { packets_received: 90, packets_lost: 2, jitter_ms: 3, jitter_buffer_delay_ms: 41.5, final: true },
    },
  ];
  it('takes setup timings, the last stats, and the playout delay after output_audio_buffer.started', () => {
    const f = webrtcFacts(trace);
    expect(f).toMatchObject({
      transport: 'webrtc',
      webrtc_call_id: 'rtc_1',
      webrtc_setup_ms: 80,
      webrtc_ice_ms: 4,
      webrtc_packets_received: 90,
      webrtc_packets_lost: 2,
      webrtc_jitter_buffer_delay_ms: 41.5,
      webrtc_playout_delay_ms: 45,
    });
  });
  it('is empty for a WebSocket session', () => {
    expect(webrtcFacts(trace.slice(1).filter((r) => r.k === 'recv' && !r.type.startsWith('rtbench')))).toEqual({});
  });
});

describe('transport in plans', () => {
  it('one --transport is a plain setting; two make an axis that labels the cells', () => {
    const one = quickPlan(['fixtures/what-time.wav'], { transports: ['webrtc'] });
    expect(one[0].transport).toBe('webrtc');
    expect(one[0].settings).toEqual({});
    const both = quickPlan(['fixtures/what-time.wav'], { transports: ['ws', 'webrtc'] });
    expect(both.map((p) => [p.transport, p.settings.transport, p.id])).toEqual([
      ['ws', 'ws', 'quick#mock/gpt-realtime-2.1/transport=ws#r1'],
      ['webrtc', 'webrtc', 'quick#mock/gpt-realtime-2.1/transport=webrtc#r1'],
    ]);
    expect(quickPlan(['fixtures/what-time.wav'])[0].transport).toBeUndefined();
  });

  it('fails closed before running what WebRTC cannot do', () => {
    const plan = { sessions: quickPlan(['fixtures/what-time.wav'], { transports: ['webrtc'] }) };
    expect(() => checkWebRtcPlan(plan, true)).toThrow(/--clock virtual works only over WebSocket/);
    const g711 = { sessions: quickPlan(['fixtures/what-time.wav'], { transports: ['webrtc'], session: { input_audio_format: 'g711_ulaw' } } as never) };
    expect(() => checkWebRtcPlan(g711, false)).toThrow(/g711_ulaw does not apply over WebRTC/);
    expect(() => checkWebRtcPlan({ sessions: quickPlan(['fixtures/what-time.wav']) }, true)).not.toThrow();
  });
});
