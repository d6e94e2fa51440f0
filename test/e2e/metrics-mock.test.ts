import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { readTraces } from '../../src/run-folder/read.js';
import { encodeWavPcm16, loadAudio } from '../../src/audio/index.js';
import type { Sample } from '../../src/report/types.js';

const quiet = { write: () => true } as never;

/** Runs scenario files on the virtual clock against the in-process mock (deterministic, no network). */
async function run(file: string, turnTimeoutMs?: number) {
  const out = mkdtempSync(join(tmpdir(), 'rtbench-metrics-'));
  const r = await runBenchmark({ paths: [`test/e2e/scenarios/${file}`], clock: 'virtual', out, reporters: [], stdout: quiet, turnTimeoutMs });
  return { ...r, traces: await readTraces(out) };
}
const m = (s: Sample, k: string) => s.metrics[k] as number;

describe('metrics against a scripted mock (virtual clock, zero network time)', () => {
  it('barge-in while the answer is still streaming: detect, talk-over, cancel and truncate have known values', async () => {
    const { results, traces } = await run('barge-slow.yaml');
    const turn1 = results.samples.find((s) => s.turn === 1)!;
    expect(turn1.ok, turn1.error).toBe(true);
    // The slow profile's speech-onset detection delay (180 ms median, exact with jitter_ms: 0).
    expect(m(turn1, 'barge_in_detect_ms')).toBeCloseTo(180, 5);
    // The barge-in lands exactly 600 ms after the answer's first audio (virtual clock).
    expect(turn1.facts?.barge_in_offset_ms).toBeCloseTo(600, 1);
    // The mock cancels at its speech_started: no audio after it.
    expect(m(turn1, 'audio_after_barge_in_ms')).toBe(0);
    // The player was playing throughout, so everything between onset and detection was talked over.
    expect(m(turn1, 'talk_over_ms')).toBeCloseTo(m(turn1, 'barge_in_detect_ms'), 5);
    expect(turn1.metrics.response_cancelled).toBe(true);
    expect(turn1.metrics.truncate_ok).toBe(true);
    expect(turn1.facts?.interrupted).toBe(true);
    // Truth for the truncate: audio_end_ms = time from first audio delta to speech_started (continuous play).
    const firstAudio = traces.find((r) => r.k === 'recv' && r.type === 'response.output_audio.delta')!;
    const started = traces.filter((r) => r.k === 'recv' && r.type === 'input_audio_buffer.speech_started')[1];
    const truncate = traces.find((r) => r.k === 'send' && r.type === 'conversation.item.truncate')!;
    expect(truncate.k === 'send' && truncate.event.audio_end_ms).toBe(Math.floor(started.t - firstAudio.t));
  });

  it('barge-in after generation finished: nothing to cancel, truncate still confirmed', async () => {
    const { results } = await run('barge-fast.yaml');
    const turn1 = results.samples.find((s) => s.turn === 1)!;
    expect(turn1.metrics.response_cancelled).toBe(false);
    expect(turn1.metrics.truncate_ok).toBe(true);
  });

  it('tool call: tool_call_ms = VAD stop delay + D, follow-up first audio = D (D = 400 ms)', async () => {
    const { results } = await run('tool.yaml');
    const [s] = results.samples;
    expect(s.ok, s.error).toBe(true);
    expect(s.facts?.response).toBe('function_call');
    expect(s.facts?.tool_name).toBe('get_weather');
    expect(JSON.parse(String(s.facts!.tool_arguments))).toEqual({ city: 'Paris' });
    // The first argument delta comes exactly D after speech_stopped; `.done` follows once the
    // arguments have streamed (the mock sends them in small deltas).
    const afterStop = m(s, 'tool_call_ms') - m(s, 'vad_stop_delay_ms');
    expect(afterStop).toBeGreaterThanOrEqual(400);
    expect(afterStop).toBeLessThanOrEqual(500);
    expect(m(s, 'tool_result_to_first_audio_ms')).toBeCloseTo(400, 0);
    // The follow-up answer is cut to response_audio_ms = 1500.
    expect(m(s, 'response_audio_ms')).toBe(1500);
    // Usage: output audio tokens ≈ 20 per second of answer audio (the mock's counting rule).
    expect(m(s, 'output_tokens')).toBeGreaterThanOrEqual(30);
    expect(m(s, 'cost_usd')).toBeGreaterThan(0);
  });

  it('false turn: room noise before the speech with a hair-trigger VAD; missed turn: speech under a deaf VAD', async () => {
    // Room noise, 1.5 s of silence, then speech; the annotation marks only the speech as true.
    const noiseDir = mkdtempSync(join(tmpdir(), 'rtbench-noisy-'));
    const noise = await loadAudio('fixtures/noise-room.wav');
    const speechClip = await loadAudio('fixtures/what-time.wav');
    const gap = new Int16Array(1.5 * noise.sampleRate);
    const joined = Int16Array.from([...noise.pcm, ...gap, ...speechClip.pcm]);
    writeFileSync(join(noiseDir, 'noisy.wav'), encodeWavPcm16(joined, noise.sampleRate));
    const shiftMs = ((noise.pcm.length + gap.length) / noise.sampleRate) * 1000;
    const truth = JSON.parse(readFileSync('fixtures/what-time.speech.json', 'utf8')) as { speech: Array<{ start_ms: number; end_ms: number }> };
    const speech = truth.speech.map((x) => ({ start_ms: x.start_ms + shiftMs, end_ms: x.end_ms + shiftMs }));
    writeFileSync(
      join(noiseDir, 'noisy.speech.json'),
      JSON.stringify({ file: 'noisy.wav', sample_rate: noise.sampleRate, duration_ms: (joined.length / noise.sampleRate) * 1000, speech, source: 'manual' }),
    );
    writeFileSync(
      join(noiseDir, 'vad-edges.yaml'),
      readFileSync('test/e2e/scenarios/vad-edges.yaml', 'utf8').replace('../../../fixtures/noise-room.wav', 'noisy.wav'),
    );
    const noisy = await runBenchmark({
      paths: [join(noiseDir, 'vad-edges.yaml')],
      clock: 'virtual',
      out: mkdtempSync(join(tmpdir(), 'rtbench-metrics-')),
      reporters: [],
      stdout: quiet,
    });
    const [n] = noisy.results.samples;
    expect(m(n, 'false_turns')).toBeGreaterThanOrEqual(1);
    expect(m(n, 'missed_turns')).toBe(0);
    // A copy of a fixture 46 dB quieter (same annotation) sits under the VAD's threshold.
    const dir = mkdtempSync(join(tmpdir(), 'rtbench-quiet-'));
    const src = await loadAudio('fixtures/what-time.wav');
    const quietPcm = src.pcm.map((v) => Math.round(v / 200));
    writeFileSync(join(dir, 'quiet.wav'), encodeWavPcm16(Int16Array.from(quietPcm), src.sampleRate));
    const ann = JSON.parse(readFileSync('fixtures/what-time.speech.json', 'utf8'));
    writeFileSync(join(dir, 'quiet.speech.json'), JSON.stringify({ ...ann, file: 'quiet.wav', sha256: undefined, source: 'manual' }));
    writeFileSync(join(dir, 'deaf.yaml'), readFileSync('test/e2e/scenarios/deaf.yaml', 'utf8').replace('../../../fixtures/what-time.wav', 'quiet.wav'));
    const out = mkdtempSync(join(tmpdir(), 'rtbench-metrics-'));
    const deaf = await runBenchmark({ paths: [join(dir, 'deaf.yaml')], clock: 'virtual', out, reporters: [], stdout: quiet, turnTimeoutMs: 3000 });
    const [d] = deaf.results.samples;
    expect(m(d, 'missed_turns')).toBe(1);
    expect(m(d, 'false_turns')).toBe(0);
    expect(d.facts?.response).toBe('none');
  });

  it('response_done_ms follows the stream speed: the fast profile finishes before the barge-in, the slow one is cut by it', async () => {
    const slow = (await run('barge-slow.yaml')).results.samples[0];
    const fast = (await run('barge-fast.yaml')).results.samples[0];
    // 3975 ms of answer: fast ≈ 20× real time (≈ 200 ms); slow ≈ 2×, still streaming when the
    // barge-in lands 600 ms after its first audio, so it ends cancelled just after that.
    expect(m(fast, 'response_done_ms')).toBeLessThan(500);
    expect(fast.facts?.response_status).toBe('completed');
    expect(slow.facts?.response_status).toBe('cancelled');
    const slowBarge = (await run('barge-slow.yaml')).results.samples[1];
    expect(m(slow, 'response_done_ms')).toBeGreaterThanOrEqual(600 + m(slowBarge, 'barge_in_detect_ms') - 0.1);
    expect(m(slow, 'response_done_ms')).toBeLessThan(600 + m(slowBarge, 'barge_in_detect_ms') + 20);
  });
});
