import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  annotateFile,
  annotationPath,
  AudioFormatError,
  computeAnnotation,
  DEFAULT_ANNOTATE_PARAMS,
  encodeWavPcm16,
  readAnnotation,
  resolveAnnotation,
  writeAnnotation,
  type Annotation,
} from '../../src/audio/index.js';
import { bursts, buildWav, encodeSamples, sine } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'rtbench-annotate-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let counter = 0;

/** A WAV with tone "speech" at the given spans (truth), in its own folder. */
function makeFixture(spans: Array<[number, number]> = [[500, 1500]]): string {
  const dir = mkdtempSync(join(work, `f${counter++}-`));
  const wav = join(dir, 'utterance.wav');
  writeFileSync(wav, encodeWavPcm16(bursts(24000, 2000, spans), 24000));
  return wav;
}

async function rejection(promise: Promise<unknown>): Promise<AudioFormatError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(AudioFormatError);
  return error as AudioFormatError;
}

describe('annotationPath', () => {
  it('replaces the extension with .speech.json', () => {
    expect(annotationPath('fixtures/foo.wav')).toBe('fixtures/foo.speech.json');
    expect(annotationPath('fixtures/foo.WAV')).toBe('fixtures/foo.speech.json');
    expect(annotationPath('a.b/foo')).toBe('a.b/foo.speech.json');
    expect(annotationPath('dir/.hidden')).toBe('dir/.hidden.speech.json');
  });
});

describe('annotateFile', () => {
  it('writes a sidecar with the detected truth, the file hash and the detector parameters', async () => {
    const wav = makeFixture([[500, 1500]]);
    const result = await annotateFile(wav, { transcript: 'hello', cacheDir: false });
    expect(result.written).toBe(true);
    const stored = await readAnnotation(wav);
    expect(stored).toEqual(result.annotation);
    expect(stored).toMatchObject({
      file: 'utterance.wav',
      sample_rate: 24000,
      duration_ms: 2000,
      speech: [{ start_ms: 500, end_ms: 1500 }],
      transcript: 'hello',
      source: 'auto',
      detector: { name: 'energy', ...DEFAULT_ANNOTATE_PARAMS },
    });
    expect(stored?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // One segment per line, so hand edits and diffs stay readable.
    expect(readFileSync(annotationPath(wav), 'utf8')).toContain('\n    {"start_ms":500,"end_ms":1500}\n');
  });

  it('leaves an up-to-date auto sidecar alone, including hand edits that kept source "auto"', async () => {
    const wav = makeFixture();
    const { annotation } = await annotateFile(wav, { cacheDir: false });
    const edited: Annotation = { ...annotation, speech: [{ start_ms: 480, end_ms: 1520 }] };
    await writeAnnotation(wav, edited);
    const again = await annotateFile(wav, { cacheDir: false });
    expect(again.written).toBe(false);
    expect(again.reason).toMatch(/up to date/);
    expect((await readAnnotation(wav))?.speech).toEqual([{ start_ms: 480, end_ms: 1520 }]);
  });

  it('rewrites an auto sidecar when the audio changed (sha256 mismatch)', async () => {
    const wav = makeFixture([[500, 1500]]);
    await annotateFile(wav, { cacheDir: false, transcript: 'keep me' });
    writeFileSync(wav, encodeWavPcm16(bursts(24000, 2000, [[700, 1300]]), 24000));
    const result = await annotateFile(wav, { cacheDir: false });
    expect(result.written).toBe(true);
    expect(result.annotation.speech).toEqual([{ start_ms: 700, end_ms: 1300 }]);
    expect(result.annotation.transcript).toBe('keep me'); // carried over
  });

  it('never overwrites a manual sidecar without force, even for changed audio; force re-detects', async () => {
    const wav = makeFixture([[500, 1500]]);
    const manual: Annotation = {
      file: 'utterance.wav',
      sample_rate: 24000,
      duration_ms: 2000,
      speech: [{ start_ms: 510, end_ms: 1490 }],
      source: 'manual',
      transcript: 'by hand',
      note: 'checked in Audacity',
    };
    await writeAnnotation(wav, manual);
    const kept = await annotateFile(wav, { cacheDir: false });
    expect(kept).toMatchObject({ written: false, annotation: manual });
    expect(kept.reason).toMatch(/manual annotation kept/);
    expect(await readAnnotation(wav)).toEqual(manual); // unknown keys ("note") survive

    writeFileSync(wav, encodeWavPcm16(bursts(24000, 2000, [[700, 1300]]), 24000));
    await writeAnnotation(wav, { ...manual, sha256: 'a'.repeat(64) });
    const stale = await annotateFile(wav, { cacheDir: false });
    expect(stale.written).toBe(false);
    expect(stale.reason).toMatch(/sha256 does not match/);

    const forced = await annotateFile(wav, { cacheDir: false, force: true });
    expect(forced.written).toBe(true);
    expect(forced.annotation).toMatchObject({ source: 'auto', speech: [{ start_ms: 700, end_ms: 1300 }], transcript: 'by hand' });
  });

  it('a broken sidecar is an error naming the JSON file, unless force', async () => {
    const wav = makeFixture();
    writeFileSync(annotationPath(wav), '{ "file": "utterance.wav", ');
    const error = await rejection(annotateFile(wav, { cacheDir: false }));
    expect(error.code).toBe('ANNOTATION_INVALID');
    expect(error.file).toBe(annotationPath(wav));
    expect(error.message).toMatch(/^.*utterance\.speech\.json: invalid JSON \(/);
    expect((await annotateFile(wav, { cacheDir: false, force: true })).written).toBe(true);
  });
});

describe('readAnnotation validation', () => {
  const valid = {
    file: 'utterance.wav',
    sample_rate: 24000,
    duration_ms: 2000,
    speech: [{ start_ms: 500, end_ms: 1500 }],
    source: 'auto',
  };

  it('returns undefined when there is no sidecar', async () => {
    expect(await readAnnotation(makeFixture())).toBeUndefined();
  });

  for (const [what, json, reason] of [
    ['a segment that ends before it starts', { ...valid, speech: [{ start_ms: 900, end_ms: 800 }] }, /speech\[0\]: end_ms must be greater than start_ms/],
    [
      'overlapping segments',
      {
        ...valid,
        speech: [
          { start_ms: 100, end_ms: 800 },
          { start_ms: 700, end_ms: 900 },
        ],
      },
      /speech: segments must be in time order/,
    ],
    ['a string where a number belongs', { ...valid, speech: [{ start_ms: '500', end_ms: 1500 }] }, /speech\[0\]\.start_ms: .*number/],
    ['an unknown source', { ...valid, source: 'guess' }, /source: /],
    ['a missing sample_rate', { ...valid, sample_rate: undefined }, /sample_rate: /],
  ] as const) {
    it(`rejects ${what}, naming the field`, async () => {
      const wav = makeFixture();
      writeFileSync(annotationPath(wav), JSON.stringify(json));
      const error = await rejection(readAnnotation(wav));
      expect(error.code).toBe('ANNOTATION_INVALID');
      expect(error.reason).toMatch(reason);
      expect(error.message.startsWith(`${annotationPath(wav)}: invalid annotation: `)).toBe(true);
    });
  }
});

describe('computeAnnotation and resolveAnnotation', () => {
  it('computeAnnotation writes nothing and describes the WAV file itself (48 kHz stereo)', async () => {
    const dir = mkdtempSync(join(work, 'stereo-'));
    const wav = join(dir, 'stereo.wav');
    const tone = sine(300, 0.4, 48000, 48000);
    const channel = Float64Array.from(tone, (v, i) => (i >= 12000 && i < 36000 ? v : 0)); // 250–750 ms
    writeFileSync(wav, buildWav({ formatTag: 1, channels: 2, sampleRate: 48000, bitsPerSample: 16 }, encodeSamples([channel, channel], 'pcm', 16)));
    const annotation = await computeAnnotation(wav, { cacheDir: false });
    expect(annotation).toMatchObject({ file: 'stereo.wav', sample_rate: 48000, duration_ms: 1000 });
    expect(annotation.speech).toHaveLength(1);
    expect(Math.abs(annotation.speech[0].start_ms - 250)).toBeLessThanOrEqual(2);
    expect(Math.abs(annotation.speech[0].end_ms - 750)).toBeLessThanOrEqual(2);
    expect(await readAnnotation(wav)).toBeUndefined();
  });

  it('resolveAnnotation: detected when missing, sidecar when current, detected + stale when the audio changed', async () => {
    const wav = makeFixture([[500, 1500]]);
    expect(await resolveAnnotation(wav, { cacheDir: false })).toMatchObject({ origin: 'detected' });
    await annotateFile(wav, { cacheDir: false });
    expect(await resolveAnnotation(wav, { cacheDir: false })).toMatchObject({ origin: 'sidecar' });
    writeFileSync(wav, encodeWavPcm16(bursts(24000, 2000, [[700, 1300]]), 24000));
    const resolved = await resolveAnnotation(wav, { cacheDir: false });
    expect(resolved).toMatchObject({ origin: 'detected', stale: true });
    expect(resolved.annotation.speech).toEqual([{ start_ms: 700, end_ms: 1300 }]);
  });
});
