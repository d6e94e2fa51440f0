import { describe, expect, it } from 'vitest';
import { decodeWav, readWavInfo } from '../../src/audio/index.js';

/**
 * Byte-level RIFF layouts written straight from the spec (independent of src/audio), each holding
 * the same known samples: every valid layout must decode to them.
 */
const SAMPLES = [0, 0.5, -0.5, 0.25, -1, 0.75];
const RATE = 8000;

interface Chunk {
  id: string;
  body: Uint8Array;
}

function le16(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff];
}
function le32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}
function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

/** RIFF/WAVE with the given chunks in order; odd bodies get their pad byte. */
function riff(chunks: Chunk[]): Uint8Array {
  const parts: number[] = [];
  for (const c of chunks) {
    parts.push(...ascii(c.id), ...le32(c.body.length), ...c.body);
    if (c.body.length & 1) parts.push(0);
  }
  return Uint8Array.from([...ascii('RIFF'), ...le32(4 + parts.length), ...ascii('WAVE'), ...parts]);
}

function fmtBody(tag: number, bits: number, size: 16 | 18 | 40): Uint8Array {
  const blockAlign = bits / 8;
  const core = [...le16(size === 40 ? 0xfffe : tag), ...le16(1), ...le32(RATE), ...le32(RATE * blockAlign), ...le16(blockAlign), ...le16(bits)];
  if (size === 16) return Uint8Array.from(core);
  if (size === 18) return Uint8Array.from([...core, ...le16(0)]);
  // cbSize 22, valid bits, channel mask, sub-format GUID (tag + KSDATAFORMAT suffix).
  const guidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
  return Uint8Array.from([...core, ...le16(22), ...le16(bits), ...le32(4), ...le16(tag), ...guidTail]);
}

function floatData(): Uint8Array {
  const f = new Float32Array(SAMPLES);
  return new Uint8Array(f.buffer.slice(0));
}
function pcm16Data(): Uint8Array {
  const i = Int16Array.from(SAMPLES, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768))));
  return new Uint8Array(i.buffer.slice(0));
}
const fact = (): Chunk => ({ id: 'fact', body: Uint8Array.from(le32(SAMPLES.length)) });
const list = (text: string): Chunk => ({ id: 'LIST', body: Uint8Array.from([...ascii('INFO'), ...ascii('ISFT'), ...le32(text.length), ...ascii(text)]) });

function expectSamples(bytes: Uint8Array): void {
  const d = decodeWav(bytes, 'x.wav');
  expect(d.sampleRate).toBe(RATE);
  expect(d.channels).toHaveLength(1);
  expect(Array.from(d.channels[0]).map((v) => Math.round(v * 1000) / 1000)).toEqual(SAMPLES.map((v) => Math.round(v * 1000) / 1000));
  expect(readWavInfo(bytes, 'x.wav').frames).toBe(SAMPLES.length);
}

describe('every valid RIFF layout decodes to the same samples', () => {
  it('sox-style 32-bit float: fmt of 18 bytes + fact (data at byte 58, not a multiple of 4)', () => {
    const bytes = riff([{ id: 'fmt ', body: fmtBody(3, 32, 18) }, fact(), { id: 'data', body: floatData() }]);
    expect(bytes.length - floatData().length).toBe(58);
    expectSamples(bytes);
  });
  for (const size of [16, 18, 40] as const) {
    it(`float fmt of ${size} bytes${size === 40 ? ' (WAVE_FORMAT_EXTENSIBLE)' : ''} with fact`, () => {
      expectSamples(riff([{ id: 'fmt ', body: fmtBody(3, 32, size) }, fact(), { id: 'data', body: floatData() }]));
    });
    it(`16-bit PCM fmt of ${size} bytes`, () => {
      expectSamples(
        riff([
          { id: 'fmt ', body: fmtBody(1, 16, size) },
          { id: 'data', body: pcm16Data() },
        ]),
      );
    });
  }
  it('an odd-sized LIST chunk with its pad byte before the data', () => {
    const odd = list('sox');
    expect(odd.body.length % 2).toBe(1);
    expectSamples(riff([{ id: 'fmt ', body: fmtBody(1, 16, 16) }, odd, { id: 'data', body: pcm16Data() }]));
  });
  it('LIST before fmt, an unknown chunk and a LIST after the data', () => {
    expectSamples(
      riff([
        list('ab'),
        { id: 'fmt ', body: fmtBody(3, 32, 40) },
        { id: 'junk', body: Uint8Array.from([1, 2, 3]) },
        fact(),
        { id: 'data', body: floatData() },
        list('tail'),
      ]),
    );
  });
  it('data at every offset mod 8 (odd-sized junk of 1..8 bytes, padded)', () => {
    for (let n = 1; n <= 8; n++) {
      expectSamples(
        riff([
          { id: 'fmt ', body: fmtBody(3, 32, 18) },
          { id: 'junk', body: new Uint8Array(n) },
          { id: 'data', body: floatData() },
        ]),
      );
    }
  });
  it('a 0-frame WAV is refused (AUDIO_EMPTY), also when a LIST follows the empty data chunk', () => {
    for (const bytes of [
      riff([
        { id: 'fmt ', body: fmtBody(1, 16, 16) },
        { id: 'data', body: new Uint8Array(0) },
      ]),
      riff([{ id: 'fmt ', body: fmtBody(1, 16, 16) }, { id: 'data', body: new Uint8Array(0) }, list('x')]),
    ]) {
      expect(() => readWavInfo(bytes, 'x.wav')).toThrow(expect.objectContaining({ code: 'AUDIO_EMPTY', message: 'x.wav: the WAV holds 0 frames of audio' }));
      expect(() => decodeWav(bytes, 'x.wav')).toThrow(expect.objectContaining({ code: 'AUDIO_EMPTY' }));
    }
  });
});
