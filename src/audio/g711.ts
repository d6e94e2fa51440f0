/**
 * G.711 µ-law and A-law codecs (ITU-T G.711), table based.
 *
 * Encoding uses one 64 Ki-entry table per law indexed by the 16-bit sample, so encoding is a single
 * lookup per sample; the tables are built once on first use (128 KiB total) from the segment
 * definitions below. Decoding uses 256-entry tables.
 */

/** The µ-law byte for digital silence (positive zero). */
export const MULAW_SILENCE = 0xff;
/** The A-law byte for digital silence (positive zero after the 0x55 inversion mask). */
export const ALAW_SILENCE = 0xd5;

// µ-law works on a 14-bit magnitude with a bias of 33 (132 in 16-bit units) so that every segment
// boundary falls on a power of two; the sample is clipped so that magnitude + bias fits 15 bits.
const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

function mulawEncodeSample(sample: number): number {
  let sign = 0;
  let magnitude = sample;
  if (magnitude < 0) {
    sign = 0x80;
    magnitude = -magnitude;
  }
  if (magnitude > MULAW_CLIP) magnitude = MULAW_CLIP;
  magnitude += MULAW_BIAS;
  // Segment = position of the highest set bit above bit 7 (0..7).
  let segment = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && segment > 0; mask >>= 1) segment--;
  const mantissa = (magnitude >> (segment + 3)) & 0x0f;
  // The code is transmitted inverted (so silence is 0xFF, rich in ones for old line equipment).
  return ~(sign | (segment << 4) | mantissa) & 0xff;
}

function mulawDecodeByte(byte: number): number {
  const code = ~byte & 0xff;
  const segment = (code >> 4) & 0x07;
  const mantissa = code & 0x0f;
  // Reconstruct at the middle of the quantisation interval (the +4 half step, scaled by << 3).
  const magnitude = (((mantissa << 3) + MULAW_BIAS) << segment) - MULAW_BIAS;
  return code & 0x80 ? -magnitude : magnitude;
}

function alawEncodeSample(sample: number): number {
  // A-law codes a 13-bit magnitude; positive values get the 0xD5 mask, negative values 0x55
  // (sign bit set after inversion). -x-1 keeps -32768 in range and is the ones' complement the
  // standard uses for negative inputs.
  let mask: number;
  let magnitude: number;
  if (sample >= 0) {
    mask = 0xd5;
    magnitude = sample;
  } else {
    mask = 0x55;
    magnitude = -sample - 1;
  }
  magnitude >>= 3; // 16-bit → 13-bit
  let segment = 0;
  while (segment < 7 && magnitude >= 32 << segment) segment++;
  // Segments 0 and 1 share the same step size (linear region); above that each doubles.
  const mantissa = segment < 2 ? (magnitude >> 1) & 0x0f : (magnitude >> segment) & 0x0f;
  return ((segment << 4) | mantissa) ^ mask;
}

function alawDecodeByte(byte: number): number {
  const code = byte ^ 0x55;
  const segment = (code >> 4) & 0x07;
  const mantissa = code & 0x0f;
  // Middle of the interval, in 13-bit units, then back to 16-bit.
  let magnitude = (mantissa << 1) + 1;
  if (segment > 0) magnitude = (magnitude + 32) << (segment - 1);
  magnitude <<= 3;
  return code & 0x80 ? magnitude : -magnitude;
}

let mulawEncodeTable: Uint8Array | undefined;
let alawEncodeTable: Uint8Array | undefined;
let mulawDecodeTable: Int16Array | undefined;
let alawDecodeTable: Int16Array | undefined;

function buildEncodeTable(encode: (sample: number) => number): Uint8Array {
  const table = new Uint8Array(65536);
  // Index by the sample's 16-bit two's complement pattern (sample & 0xffff).
  for (let i = 0; i < 65536; i++) table[i] = encode(i < 32768 ? i : i - 65536);
  return table;
}

function buildDecodeTable(decode: (byte: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let i = 0; i < 256; i++) table[i] = decode(i);
  return table;
}

function encodeWith(table: Uint8Array, pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = table[pcm[i] & 0xffff];
  return out;
}

function decodeWith(table: Int16Array, bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]];
  return out;
}

/** Encodes 16-bit PCM to G.711 µ-law, one byte per sample. */
export function encodeMulaw(pcm: Int16Array): Uint8Array {
  mulawEncodeTable ??= buildEncodeTable(mulawEncodeSample);
  return encodeWith(mulawEncodeTable, pcm);
}

/** Decodes G.711 µ-law bytes to 16-bit PCM (range ±32124). */
export function decodeMulaw(bytes: Uint8Array): Int16Array {
  mulawDecodeTable ??= buildDecodeTable(mulawDecodeByte);
  return decodeWith(mulawDecodeTable, bytes);
}

/** Encodes 16-bit PCM to G.711 A-law, one byte per sample. */
export function encodeAlaw(pcm: Int16Array): Uint8Array {
  alawEncodeTable ??= buildEncodeTable(alawEncodeSample);
  return encodeWith(alawEncodeTable, pcm);
}

/** Decodes G.711 A-law bytes to 16-bit PCM (range ±32256). */
export function decodeAlaw(bytes: Uint8Array): Int16Array {
  alawDecodeTable ??= buildDecodeTable(alawDecodeByte);
  return decodeWith(alawDecodeTable, bytes);
}
