import { describe, expect, it } from 'vitest';
import { chunkAudio, chunkBytes, silenceChunk } from '../../src/audio/index.js';

function decodeChunks(chunks: { base64: string }[]): Int16Array {
  const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c.base64, 'base64')));
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

describe('chunkAudio', () => {
  const pcm = Int16Array.from({ length: 24000 + 100 }, (_, i) => ((i * 131) % 65536) - 32768);

  it('covers the audio exactly once, in order, with base64 of little-endian int16', () => {
    // Truth: concatenating the decoded payloads gives back the input, sample for sample.
    const chunks = chunkAudio(pcm, 24000, 20);
    expect(decodeChunks(chunks)).toEqual(pcm);
    expect(chunks.reduce((n, c) => n + c.bytes, 0)).toBe(pcm.length * 2);
  });

  it('has contiguous [startMs, endMs) spans of chunkMs; the last one is shorter, never padded', () => {
    const chunks = chunkAudio(pcm, 24000, 20);
    expect(chunks).toHaveLength(51); // 1000 ms / 20 + a 100-sample remainder
    chunks.forEach((c, k) => {
      expect(c.startMs).toBeCloseTo(k * 20, 9);
      if (k < 50) {
        expect(c.endMs - c.startMs).toBeCloseTo(20, 9);
        expect(c.bytes).toBe(960);
      }
    });
    const last = chunks[50];
    expect(last.bytes).toBe(200);
    expect(last.endMs).toBeCloseTo((pcm.length * 1000) / 24000, 9);
  });

  it('rates with a fractional chunk size (22050 Hz, 10 ms = 220.5 samples) alternate without drift', () => {
    const audio = new Int16Array(22050);
    const chunks = chunkAudio(audio, 22050, 10);
    expect(chunks).toHaveLength(100);
    expect(new Set(chunks.map((c) => c.bytes))).toEqual(new Set([440, 442]));
    expect(chunks[99].endMs).toBeCloseTo(1000, 9);
    chunks.forEach((c, k) => expect(c.startMs).toBeCloseTo((Math.round(k * 220.5) * 1000) / 22050, 9));
  });

  it('empty audio gives no chunks; a non-positive chunk length is an error', () => {
    expect(chunkAudio(new Int16Array(0), 24000)).toEqual([]);
    expect(() => chunkAudio(pcm, 24000, 0)).toThrow(RangeError);
  });

  it('works on a subarray view (byteOffset ≠ 0)', () => {
    const view = pcm.subarray(7, 7 + 480);
    expect(decodeChunks(chunkAudio(view, 24000, 10))).toEqual(view.slice());
  });
});

describe('chunkBytes (G.711 payloads)', () => {
  it('8 kHz µ-law, 20 ms → 160-byte chunks covering the bytes exactly', () => {
    const bytes = Uint8Array.from({ length: 8000 + 40 }, (_, i) => i % 256);
    const chunks = chunkBytes(bytes, 8, 20);
    expect(chunks).toHaveLength(51);
    expect(chunks.slice(0, 50).every((c) => c.bytes === 160)).toBe(true);
    expect(chunks[50]).toMatchObject({ startMs: 1000, endMs: 1005, bytes: 40 });
    expect(Buffer.concat(chunks.map((c) => Buffer.from(c.base64, 'base64')))).toEqual(Buffer.from(bytes));
  });
});

describe('silenceChunk', () => {
  it('pcm16: chunkMs of zero samples, cached (same object every time)', () => {
    const chunk = silenceChunk(24000, 20);
    expect(chunk).toMatchObject({ startMs: 0, endMs: 20, bytes: 960 });
    expect(Buffer.from(chunk.base64, 'base64').every((b) => b === 0)).toBe(true);
    expect(silenceChunk(24000, 20)).toBe(chunk);
    expect(Object.isFrozen(chunk)).toBe(true);
  });

  it('G.711 silence is the codec zero: 0xFF for µ-law, 0xD5 for A-law', () => {
    const mu = Buffer.from(silenceChunk(8000, 20, 'g711_ulaw').base64, 'base64');
    const a = Buffer.from(silenceChunk(8000, 20, 'g711_alaw').base64, 'base64');
    expect(mu.length).toBe(160);
    expect(mu.every((b) => b === 0xff)).toBe(true);
    expect(a.every((b) => b === 0xd5)).toBe(true);
  });
});
