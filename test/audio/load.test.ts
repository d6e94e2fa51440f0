import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AudioFormatError, AudioLoader, defaultCacheDir, encodeMulaw, encodeWavPcm16, loadAudio } from '../../src/audio/index.js';
import { buildWav, encodeSamples, sine, toneAmplitude } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'rtbench-load-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tempDir(name: string): string {
  return mkdtempSync(join(work, `${name}-`));
}

async function audioError(promise: Promise<unknown>): Promise<AudioFormatError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(AudioFormatError);
  return error as AudioFormatError;
}

describe('loadAudio: fixtures and formats', () => {
  it('a committed 24 kHz fixture: PCM, duration and the SHA-256 of the file bytes', async () => {
    const audio = await loadAudio('fixtures/what-time.wav', { cacheDir: false });
    const bytes = readFileSync('fixtures/what-time.wav');
    expect(audio.file).toBe('fixtures/what-time.wav');
    expect(audio.sampleRate).toBe(24000);
    expect(audio.pcm.length).toBe((bytes.length - 44) / 2);
    expect(audio.durationMs).toBeCloseTo((audio.pcm.length * 1000) / 24000, 9);
    expect(audio.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(audio.source).toMatchObject({ sampleRate: 24000, channels: 1, encoding: '16-bit PCM' });
  });

  it('a 48 kHz stereo float WAV becomes 24 kHz mono with the same duration and tone', async () => {
    const file = join(work, 'stereo48k.wav');
    const left = sine(1000, 0.5, 48000, 96000);
    writeFileSync(file, buildWav({ formatTag: 3, channels: 2, sampleRate: 48000, bitsPerSample: 32 }, encodeSamples([left, left], 'float', 32)));
    const audio = await loadAudio(file, { cacheDir: false });
    expect(audio.pcm.length).toBe(48000);
    expect(audio.durationMs).toBe(2000);
    expect(toneAmplitude(audio.pcm, 1000, 24000, 2400, 45600) / 32768).toBeCloseTo(0.5, 2);
    expect(audio.source).toMatchObject({ sampleRate: 48000, channels: 2, encoding: '32-bit float' });
  });

  it('an 8 kHz µ-law WAV loads, and sampleRate: 8000 gives the G.711 session rate', async () => {
    const file = join(work, 'mulaw.wav');
    const pcm8k = Int16Array.from(sine(440, 0.4, 8000, 8000), (v) => Math.round(v * 32767));
    writeFileSync(file, buildWav({ formatTag: 7, channels: 1, sampleRate: 8000, bitsPerSample: 8 }, encodeMulaw(pcm8k)));
    const at24k = await loadAudio(file, { cacheDir: false });
    const at8k = await loadAudio(file, { cacheDir: false, sampleRate: 8000 });
    expect(at24k.pcm.length).toBe(24000);
    expect(at8k.pcm.length).toBe(8000);
    expect(toneAmplitude(at8k.pcm, 440, 8000, 400, 7600) / 32768).toBeCloseTo(0.4, 2);
  });
});

describe('loadAudio: caches', () => {
  function makeWav(dir: string, seed = 1): string {
    const file = join(dir, 'tone.wav');
    writeFileSync(
      file,
      encodeWavPcm16(
        Int16Array.from({ length: 48000 }, (_, i) => (i * seed) % 20000),
        48000,
      ),
    );
    return file;
  }

  it('memory: a second load returns the identical PCM (same object), per target rate', async () => {
    const loader = new AudioLoader();
    const file = makeWav(tempDir('mem'));
    const a = await loader.load(file, { cacheDir: false });
    const b = await loader.load(file, { cacheDir: false });
    expect(b.pcm).toBe(a.pcm);
    const c = await loader.load(file, { cacheDir: false, sampleRate: 8000 });
    expect(c.pcm).not.toBe(a.pcm);
    expect(loader.size).toBe(2);
  });

  it('memory: concurrent loads of one file decode it once', async () => {
    const loader = new AudioLoader();
    const file = makeWav(tempDir('concurrent'));
    const [a, b] = await Promise.all([loader.load(file, { cacheDir: false }), loader.load(file, { cacheDir: false })]);
    expect(b.pcm).toBe(a.pcm);
  });

  it('memory: a changed file (size/mtime) is loaded again', async () => {
    const loader = new AudioLoader();
    const dir = tempDir('changed');
    const file = makeWav(dir, 1);
    const a = await loader.load(file, { cacheDir: false });
    makeWav(dir, 3);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const b = await loader.load(file, { cacheDir: false });
    expect(b.sha256).not.toBe(a.sha256);
    expect(b.pcm).not.toEqual(a.pcm);
  });

  it('disk: a new loader (empty memory cache) reads the converted PCM from the disk cache', async () => {
    const cacheDir = tempDir('disk');
    const file = makeWav(tempDir('src'));
    const first = await new AudioLoader().load(file, { cacheDir });
    const entries = readdirSync(cacheDir);
    expect(entries).toEqual([`${first.sha256}.mono-s16le-24000.v1.pcm`]);
    // Prove the second load comes from disk: tamper with the cached PCM (same length) and see it.
    const tampered = new Int16Array(first.pcm.length).fill(1234);
    writeFileSync(join(cacheDir, entries[0]), new Uint8Array(tampered.buffer));
    const second = await new AudioLoader().load(file, { cacheDir });
    expect(second.pcm).toEqual(tampered);
    expect(second.sha256).toBe(first.sha256);
    expect(second.durationMs).toBe(first.durationMs);
  });

  it('disk: cacheDir false writes nothing; the default folder follows $RTBENCH_CACHE_DIR', async () => {
    const cacheDir = tempDir('none');
    await new AudioLoader().load(makeWav(tempDir('src2')), { cacheDir: false });
    expect(readdirSync(cacheDir)).toEqual([]);
    const previous = process.env.RTBENCH_CACHE_DIR;
    process.env.RTBENCH_CACHE_DIR = cacheDir;
    try {
      expect(defaultCacheDir()).toBe(cacheDir);
      await new AudioLoader().load(makeWav(tempDir('src3')));
      expect(readdirSync(cacheDir)).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.RTBENCH_CACHE_DIR;
      else process.env.RTBENCH_CACHE_DIR = previous;
    }
  });

  it('disk: an unwritable cache folder does not fail the load', async () => {
    const blocker = join(work, 'not-a-dir');
    writeFileSync(blocker, 'x');
    const audio = await new AudioLoader().load(makeWav(tempDir('src4')), { cacheDir: join(blocker, 'cache') });
    expect(audio.pcm.length).toBe(24000);
  });
});

describe('loadAudio: errors', () => {
  it('a missing file is AUDIO_UNREADABLE with the OS reason, not a raw ENOENT', async () => {
    const error = await audioError(loadAudio('fixtures/does-not-exist.wav'));
    expect(error.code).toBe('AUDIO_UNREADABLE');
    expect(error.message).toBe('fixtures/does-not-exist.wav: cannot read file (ENOENT: no such file or directory)');
  });

  it('a directory is AUDIO_UNREADABLE', async () => {
    const error = await audioError(loadAudio(work));
    expect(error.code).toBe('AUDIO_UNREADABLE');
    expect(error.reason).toMatch(/directory/);
  });

  it('a text file is AUDIO_NOT_WAV naming the file; a fixed file loads on retry (failures are not cached)', async () => {
    const loader = new AudioLoader();
    const file = join(tempDir('retry'), 'notes.wav');
    writeFileSync(file, 'these are notes, not audio');
    const error = await audioError(loader.load(file, { cacheDir: false }));
    expect(error.code).toBe('AUDIO_NOT_WAV');
    expect(error.message).toBe(`${file}: not a WAV file (no RIFF header)`);
    writeFileSync(file, encodeWavPcm16(new Int16Array(240), 24000));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect((await loader.load(file, { cacheDir: false })).pcm.length).toBe(240);
  });
});
