import { describe, expect, it } from 'vitest';
import { decodeWav, readWavInfo } from '../../src/audio/index.js';

/**
 * Property: every valid RIFF layout decodes at every data offset. The data chunk's place in the file
 * (fmt of 16/18/40 bytes, `fact`, odd-sized `LIST` with its pad byte) and the file's place in its
 * ArrayBuffer (0–7 bytes in, as a Node Buffer or a plain view — Node's readFile and Buffer pool
 * give both) together put the samples at every byte offset mod 8, for every sample format. Truth:
 * samples exactly representable in every format, written straight from the spec.
 */
const SAMPLES = [0, 0.5, -0.5, 0.25, -1, 0.75, -0.25, 0.125];
const RATE = 16000;

const le16 = (v: number) => [v & 0xff, (v >> 8) & 0xff];
const le32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

interface Format {
  name: string;
  tag: number;
  bits: number;
  encode: (v: number) => number[];
}
const clampInt = (v: number, scale: number) => Math.max(-scale, Math.min(scale - 1, Math.round(v * scale)));
const FORMATS: Format[] = [
  { name: '8-bit PCM', tag: 1, bits: 8, encode: (v) => [Math.max(0, Math.min(255, Math.round(v * 128 + 128)))] },
  { name: '16-bit PCM', tag: 1, bits: 16, encode: (v) => le16(clampInt(v, 32768) & 0xffff) },
  { name: '24-bit PCM', tag: 1, bits: 24, encode: (v) => le32(clampInt(v, 8388608) & 0xffffff).slice(0, 3) },
  { name: '32-bit PCM', tag: 1, bits: 32, encode: (v) => le32(clampInt(v, 2147483648)) },
  { name: '32-bit float', tag: 3, bits: 32, encode: (v) => [...new Uint8Array(Float32Array.of(v).buffer)] },
  { name: '64-bit float', tag: 3, bits: 64, encode: (v) => [...new Uint8Array(Float64Array.of(v).buffer)] },
];

function fmtBody(f: Format, size: 16 | 18 | 40): number[] {
  const block = f.bits / 8;
  const core = [...le16(size === 40 ? 0xfffe : f.tag), ...le16(1), ...le32(RATE), ...le32(RATE * block), ...le16(block), ...le16(f.bits)];
  if (size === 16) return core;
  if (size === 18) return [...core, ...le16(0)];
  const guidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
  return [...core, ...le16(22), ...le16(f.bits), ...le32(4), ...le16(f.tag), ...guidTail];
}

function chunk(id: string, body: number[]): number[] {
  return [...ascii(id), ...le32(body.length), ...body, ...(body.length & 1 ? [0] : [])];
}

/** A WAV with the chunks before the data that `layout` names; returns it and the data's offset in the file. */
function wav(f: Format, fmtSize: 16 | 18 | 40, listBytes: number | null, withFact: boolean, dataBytes?: number[]): { file: number[]; dataAt: number } {
  const data = dataBytes ?? SAMPLES.flatMap(f.encode);
  const before = [
    ...chunk('fmt ', fmtBody(f, fmtSize)),
    ...(withFact ? chunk('fact', le32(SAMPLES.length)) : []),
    ...(listBytes !== null ? chunk('LIST', [...ascii('INFO'), ...new Array<number>(listBytes).fill(0x41)]) : []),
  ];
  const body = [...ascii('WAVE'), ...before, ...chunk('data', data)];
  return { file: [...ascii('RIFF'), ...le32(body.length), ...body], dataAt: 12 + before.length + 8 };
}

/** The file placed `offset` bytes into a larger ArrayBuffer, as a Buffer or a plain Uint8Array view. */
function placed(file: number[], offset: number, kind: 'buffer' | 'view'): Uint8Array {
  const ab = new ArrayBuffer(file.length + 16);
  new Uint8Array(ab, offset, file.length).set(file);
  return kind === 'buffer' ? Buffer.from(ab, offset, file.length) : new Uint8Array(ab, offset, file.length);
}

describe('WAV decode at any data offset (property over layouts × buffer offsets 0–7)', () => {
  for (const f of FORMATS) {
    it(`${f.name}: every layout, every offset mod 8, decodes to the samples written (must pass)`, () => {
      const seen = new Set<number>();
      for (const fmtSize of [16, 18, 40] as const) {
        for (const listBytes of [null, 1, 2, 3]) {
          for (const withFact of [false, true]) {
            const { file, dataAt } = wav(f, fmtSize, listBytes, withFact);
            for (let offset = 0; offset < 8; offset++) {
              for (const kind of ['buffer', 'view'] as const) {
                const bytes = placed(file, offset, kind);
                const before = Array.from(bytes);
                const d = decodeWav(bytes, 'x.wav');
                expect(Array.from(d.channels[0]), `${f.name} fmt ${fmtSize} LIST ${listBytes} fact ${withFact} offset ${offset} ${kind}`).toEqual(SAMPLES);
                expect(readWavInfo(bytes, 'x.wav').frames).toBe(SAMPLES.length);
                expect(Array.from(bytes)).toEqual(before); // the caller's bytes are left alone
                seen.add((bytes.byteOffset + dataAt) % 8);
              }
            }
          }
        }
      }
      // The property covered what it claims: the samples started at every byte offset mod 8.
      expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    });

    it(`${f.name}: a data chunk cut short still fails as corrupt at every offset (must fail)`, () => {
      const { file } = wav(f, 18, 3, true);
      const cut = file.slice(0, file.length - f.bits / 8 - 1);
      for (let offset = 0; offset < 8; offset++) {
        expect(() => decodeWav(placed(cut, offset, 'buffer'), 'cut.wav')).toThrow(/truncated data chunk/);
      }
    });
  }
});
