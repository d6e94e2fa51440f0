import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { AudioFormatError, decodeWav, encodeWavPcm16, readWavInfo } from '../../src/audio/index.js';
import { buildWav, encodeSamples, sine } from './helpers.js';

const RATE = 16000;
const FRAMES = 400;
// Three distinguishable channels: two sines of different amplitude and a negative constant.
const left = sine(440, 0.5, RATE, FRAMES);
const right = sine(1000, 0.25, RATE, FRAMES, 1);
const third = new Float64Array(FRAMES).fill(-0.125);

function maxError(actual: Float32Array, expected: Float64Array): number {
  let max = 0;
  for (let i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(actual[i] - expected[i]));
  return max;
}

function expectAudioError(fn: () => unknown, code: string, reason: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AudioFormatError);
  const error = caught as AudioFormatError;
  expect(error.code).toBe(code);
  expect(error.file).toBe('fixtures/x.wav');
  expect(error.reason).toMatch(reason);
  // One line, file first: what the CLI prints.
  expect(error.message).toBe(`fixtures/x.wav: ${error.reason}`);
  expect(error.message).not.toContain('\n');
}

describe('decodeWav: every supported encoding gives the samples that were written', () => {
  // Truth: samples quantised by the spec's own scaling; decoding may only lose that quantisation
  // (plus float32 output precision).
  const cases: Array<{ name: string; kind: 'pcm' | 'float'; tag: number; bits: number; tolerance: number }> = [
    { name: '8-bit unsigned PCM', kind: 'pcm', tag: 1, bits: 8, tolerance: 0.5 / 128 + 1e-7 },
    { name: '16-bit PCM', kind: 'pcm', tag: 1, bits: 16, tolerance: 0.5 / 32768 + 1e-7 },
    { name: '24-bit PCM', kind: 'pcm', tag: 1, bits: 24, tolerance: 1e-6 },
    { name: '32-bit PCM', kind: 'pcm', tag: 1, bits: 32, tolerance: 1e-7 },
    { name: '32-bit float', kind: 'float', tag: 3, bits: 32, tolerance: 1e-7 },
    { name: '64-bit float', kind: 'float', tag: 3, bits: 64, tolerance: 1e-7 },
  ];
  for (const c of cases) {
    for (const channels of [1, 2, 3]) {
      for (const extensible of [false, true]) {
        it(`${c.name}, ${channels} channel(s)${extensible ? ', WAVE_FORMAT_EXTENSIBLE' : ''}`, () => {
          const input = [left, right, third].slice(0, channels);
          const bytes = buildWav({ formatTag: c.tag, channels, sampleRate: RATE, bitsPerSample: c.bits, extensible }, encodeSamples(input, c.kind, c.bits));
          const decoded = decodeWav(bytes, 'x.wav');
          expect(decoded.sampleRate).toBe(RATE);
          expect(decoded.channels).toHaveLength(channels);
          for (let ch = 0; ch < channels; ch++) {
            expect(decoded.channels[ch]).toHaveLength(FRAMES);
            expect(maxError(decoded.channels[ch], input[ch])).toBeLessThanOrEqual(c.tolerance);
          }
        });
      }
    }
  }

  it('8-bit PCM: 128 is zero, 0 is -1, 255 is +127/128 (unsigned offset binary)', () => {
    const bytes = buildWav({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 8 }, Uint8Array.of(128, 0, 255));
    expect(Array.from(decodeWav(bytes, 'x.wav').channels[0])).toEqual([0, -1, 127 / 128]);
  });

  it('16-bit PCM: extremes map to -1 and 32767/32768', () => {
    const data = new Uint8Array(new Int16Array([-32768, 32767, 0, 1]).buffer);
    const bytes = buildWav({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 }, data);
    expect(Array.from(decodeWav(bytes, 'x.wav').channels[0])).toEqual([-1, 32767 / 32768, 0, 1 / 32768]);
  });

  it('24-bit PCM: sign extension of negative values', () => {
    // -1 in 24-bit two's complement is FF FF FF; -8388608 is 00 00 80.
    const data = Uint8Array.of(0xff, 0xff, 0xff, 0x00, 0x00, 0x80, 0xff, 0xff, 0x7f);
    const bytes = buildWav({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 24 }, data);
    const samples = Array.from(decodeWav(bytes, 'x.wav').channels[0]);
    expect(samples[0]).toBeCloseTo(-1 / 8388608, 12);
    expect(samples[1]).toBe(-1);
    expect(samples[2]).toBeCloseTo(8388607 / 8388608, 7);
  });

  // G.711 reference values (ITU-T G.711 tables): µ-law 0xFF/0x7F = ±0, 0x00 = -32124, 0x80 = +32124;
  // A-law 0xD5 = +8, 0x55 = -8, 0xAA = +32256, 0x2A = -32256.
  for (const [name, tag, codes, expected] of [
    ['µ-law (format 7)', 7, [0xff, 0x00, 0x80, 0x7f], [0, -32124, 32124, 0]],
    ['A-law (format 6)', 6, [0xd5, 0x55, 0xaa, 0x2a], [8, -8, 32256, -32256]],
  ] as const) {
    for (const extensible of [false, true]) {
      it(`G.711 ${name}${extensible ? ' in WAVE_FORMAT_EXTENSIBLE' : ''}: reference code values`, () => {
        const bytes = buildWav({ formatTag: tag, channels: 1, sampleRate: 8000, bitsPerSample: 8, extensible }, Uint8Array.from(codes));
        const decoded = decodeWav(bytes, 'x.wav').channels[0];
        expect(Array.from(decoded, (v) => Math.round(v * 32768))).toEqual([...expected]);
      });
    }
  }

  it('G.711 stereo µ-law is deinterleaved', () => {
    const bytes = buildWav({ formatTag: 7, channels: 2, sampleRate: 8000, bitsPerSample: 8 }, Uint8Array.of(0x00, 0x80, 0xff, 0x00));
    const { channels } = decodeWav(bytes, 'x.wav');
    expect(Array.from(channels[0], (v) => v * 32768)).toEqual([-32124, 0]);
    expect(Array.from(channels[1], (v) => v * 32768)).toEqual([32124, -32124]);
  });

  it('skips chunks before data (LIST) and ignores the pad byte of an odd-sized data chunk', () => {
    const bytes = buildWav({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 8, extraChunk: true }, Uint8Array.of(128, 192, 64));
    expect(Array.from(decodeWav(bytes, 'x.wav').channels[0])).toEqual([0, 0.5, -0.5]);
  });

  it('a streamed WAV (data size 0xFFFFFFFF) is read to the end of the file, whole frames only', () => {
    const data = new Uint8Array(new Int16Array([100, -100, 200, -200, 300]).buffer);
    const bytes = buildWav({ formatTag: 1, channels: 2, sampleRate: 8000, bitsPerSample: 16, declaredDataBytes: 0xffffffff }, data);
    const { channels } = decodeWav(bytes, 'x.wav');
    expect(Array.from(channels[0], (v) => v * 32768)).toEqual([100, 200]);
    expect(Array.from(channels[1], (v) => v * 32768)).toEqual([-100, -200]);
  });

  it('big-endian RIFX 16-bit PCM', () => {
    // Hand-built: all header integers and samples big-endian.
    const be16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
    const be32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    const samples = [1000, -2, 32767];
    const data = samples.flatMap((s) => be16(s & 0xffff));
    const fmt = [...be16(1), ...be16(1), ...be32(8000), ...be32(16000), ...be16(2), ...be16(16)];
    const body = [...ascii('WAVE'), ...ascii('fmt '), ...be32(16), ...fmt, ...ascii('data'), ...be32(data.length), ...data];
    const bytes = Uint8Array.from([...ascii('RIFX'), ...be32(body.length), ...body]);
    expect(Array.from(decodeWav(bytes, 'x.wav').channels[0], (v) => v * 32768)).toEqual(samples);
  });
});

describe('decodeWav: unusable files give AudioFormatError with the file and a one-line reason', () => {
  const file = 'fixtures/x.wav';
  const good = buildWav({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 }, new Uint8Array(200));

  it('empty file', () => {
    expectAudioError(() => decodeWav(new Uint8Array(0), file), 'AUDIO_NOT_WAV', /^not a WAV file \(empty file\)$/);
  });
  it('text file', () => {
    expectAudioError(() => decodeWav(new TextEncoder().encode('{"not": "audio"}'), file), 'AUDIO_NOT_WAV', /^not a WAV file \(no RIFF header\)$/);
  });
  it('RIFF but not WAVE (an AVI)', () => {
    const avi = good.slice();
    avi.set(new TextEncoder().encode('AVI '), 8);
    expectAudioError(() => decodeWav(avi, file), 'AUDIO_NOT_WAV', /RIFF form type is "AVI "/);
  });
  it('RIFF header cut short', () => {
    expectAudioError(() => decodeWav(good.slice(0, 10), file), 'AUDIO_CORRUPT', /truncated RIFF header/);
  });
  it('file cut inside the header (no data chunk)', () => {
    expectAudioError(() => decodeWav(good.slice(0, 30), file), 'AUDIO_CORRUPT', /missing (fmt|data) chunk/);
  });
  it('file cut inside the data chunk', () => {
    expectAudioError(
      () => decodeWav(good.slice(0, good.length - 51), file),
      'AUDIO_CORRUPT',
      /^truncated data chunk \(header declares 200 bytes, file holds 149\)$/,
    );
  });
  it('ADPCM (format 2) is named in the reason', () => {
    const adpcm = buildWav({ formatTag: 2, channels: 1, sampleRate: 8000, bitsPerSample: 4 }, new Uint8Array(64));
    expectAudioError(() => decodeWav(adpcm, file), 'AUDIO_UNSUPPORTED', /^unsupported WAV encoding: ADPCM \(format 2\)$/);
  });
  it('an unknown format tag inside WAVE_FORMAT_EXTENSIBLE', () => {
    const odd = buildWav({ formatTag: 0x1234, channels: 1, sampleRate: 8000, bitsPerSample: 16, extensible: true }, new Uint8Array(8));
    expectAudioError(() => decodeWav(odd, file), 'AUDIO_UNSUPPORTED', /unknown \(format 4660\)/);
  });
  it('16-bit float is not a supported float width', () => {
    const f16 = buildWav({ formatTag: 3, channels: 1, sampleRate: 8000, bitsPerSample: 16 }, new Uint8Array(8));
    expectAudioError(() => decodeWav(f16, file), 'AUDIO_UNSUPPORTED', /16-bit float/);
  });
  it('block align that contradicts channels × sample width', () => {
    const bad = good.slice();
    new DataView(bad.buffer).setUint16(32, 3, true); // blockAlign field of a mono 16-bit file
    expectAudioError(() => decodeWav(bad, file), 'AUDIO_CORRUPT', /block align 3/);
  });
  it('zero channels', () => {
    const bad = good.slice();
    new DataView(bad.buffer).setUint16(22, 0, true);
    expectAudioError(() => decodeWav(bad, file), 'AUDIO_CORRUPT', /0 channels/);
  });
  it('readWavInfo throws the same errors without decoding', () => {
    expectAudioError(() => readWavInfo(good.slice(0, good.length - 51), file), 'AUDIO_CORRUPT', /truncated data chunk/);
  });
});

describe('readWavInfo', () => {
  it('reports rate, channels, frames, duration and encoding from the header', () => {
    const bytes = buildWav({ formatTag: 1, channels: 2, sampleRate: 48000, bitsPerSample: 24 }, new Uint8Array(48000 * 6));
    expect(readWavInfo(bytes, 'x.wav')).toEqual({
      sampleRate: 48000,
      channels: 2,
      frames: 48000,
      durationMs: 1000,
      encoding: '24-bit PCM',
    });
  });
});

describe('encodeWavPcm16', () => {
  it('writes a canonical PCM WAV that decodes to the same samples and that wavefile reads too', () => {
    const pcm = new Int16Array([0, 1, -1, 32767, -32768, 1234]);
    const bytes = encodeWavPcm16(pcm, 24000);
    expect(bytes.length).toBe(44 + pcm.length * 2);
    const decoded = decodeWav(bytes, 'x.wav');
    expect(decoded.sampleRate).toBe(24000);
    expect(Array.from(decoded.channels[0], (v) => v * 32768)).toEqual(Array.from(pcm));
    // Independent reader: wavefile's own parser and unpacker.
    const wav = new wavefile.WaveFile(bytes);
    expect((wav.fmt as { sampleRate: number }).sampleRate).toBe(24000);
    expect(Array.from(wav.getSamples() as Float64Array)).toEqual(Array.from(pcm));
  });
});
