/**
 * A WAV as sox writes 32-bit float: an 18-byte fmt, a fact chunk, and the samples at byte 58 — not
 * a multiple of 4. Committed as made by `sox fixtures/what-time.wav -r 8000 -e floating-point -b 32
 * test/audio/fixtures/sox-float32-fact.wav` (SoX 14.4.2). Truth: its header bytes, and the speech
 * of what-time.wav (450–1650 ms).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, STACK_LINE, tmp } from './helpers.js';

const SOX_WAV = resolve('test/audio/fixtures/sox-float32-fact.wav');

describe('a sox-written 32-bit float WAV (data at byte 58)', () => {
  it('is the layout it claims to be', () => {
    const b = readFileSync(SOX_WAV);
    expect(b.toString('ascii', 12, 16)).toBe('fmt ');
    expect(b.readUInt32LE(16)).toBe(18);
    expect(b.readUInt16LE(20)).toBe(3); // IEEE float
    expect(b.readUInt16LE(34)).toBe(32);
    expect(b.toString('ascii', 38, 42)).toBe('fact');
    expect(b.toString('ascii', 50, 54)).toBe('data');
    expect(58 % 4).not.toBe(0);
  });

  it('must pass: fixtures annotate finds its speech, and run --audio measures it', async () => {
    const dir = tmp();
    const wav = join(dir, 'sox.wav');
    copyFileSync(SOX_WAV, wav);
    // A cache of its own: a decoded copy from an earlier run must not stand in for decoding it.
    const env = { RTBENCH_CACHE_DIR: join(dir, 'cache') };
    const ann = await cli(['fixtures', 'annotate', '--json', wav], env);
    expect(ann.code, ann.stderr).toBe(0);
    const [{ speech }] = JSON.parse(ann.stdout) as Array<{ speech: Array<{ start_ms: number; end_ms: number }> }>;
    expect(speech).toHaveLength(1);
    expect(Math.abs(speech[0].start_ms - 450)).toBeLessThanOrEqual(15);
    expect(Math.abs(speech[0].end_ms - 1650)).toBeLessThanOrEqual(30);
    const run = await cli(['run', '--audio', wav, '--clock', 'virtual', '--out', join(dir, 'out'), '--reporter', 'json', '--quiet'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/internal error|multiple of/);
    const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
    expect(results.samples[0].ok).toBe(true);
    expect(typeof results.samples[0].metrics.first_audio_ms).toBe('number');
  });

  it('must fail: the same file cut inside its data is refused as corrupt (exit 2, no stack trace)', async () => {
    const dir = tmp();
    const wav = join(dir, 'cut.wav');
    writeFileSync(wav, readFileSync(SOX_WAV).subarray(0, 1000));
    const ann = await cli(['fixtures', 'annotate', '--json', wav]);
    expect(ann.code).toBe(2);
    expect(ann.stderr).toMatch(/truncated data chunk/);
    expect(ann.stderr).not.toMatch(STACK_LINE);
  });
});
