/**
 * WAV decoding (RIFF walk, fmt chunk and samples, all here) and a minimal PCM16 encoder.
 *
 * Decoding straight from the data bytes with typed arrays is two orders of magnitude faster than a
 * generic per-value unpacker, which matters for long fixtures; the RIFF walk is ours so that every
 * valid layout (fmt of 16/18/40 bytes, fact/LIST chunks, odd chunks with pad bytes, data at any
 * byte offset) decodes.
 */
import { AudioFormatError } from './errors.js';
import { decodeAlaw, decodeMulaw } from './g711.js';

/** Decoded audio: one Float32Array per channel, samples in [-1, 1). */
export interface DecodedAudio {
  sampleRate: number;
  channels: Float32Array[];
}

/** The fmt chunk fields rtbench reads. */
interface FmtChunk {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
  subformat: number[];
}

interface DataChunk {
  chunkSize: number;
  samples: Uint8Array;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Names of common encodings we do not decode, for a useful error message. */
const UNSUPPORTED_NAMES: Record<number, string> = {
  2: 'ADPCM',
  17: 'IMA ADPCM',
  49: 'GSM 6.10',
  64: 'G.721 ADPCM',
  80: 'MPEG',
  85: 'MP3',
  0x161: 'WMA',
  0x1610: 'AAC',
};

/** A streamed WAV (e.g. written to a pipe) cannot know its length and writes this or 0. */
const UNKNOWN_SIZE = 0xffffffff;

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** Rejects non-WAV input before the chunk walk, so the reason names what was found instead. */
function checkRiffHeader(bytes: Uint8Array, file: string): void {
  const magic = bytes.length >= 4 ? ascii(bytes, 0, 4) : '';
  if (magic !== 'RIFF' && magic !== 'RIFX') {
    const reason = bytes.length === 0 ? 'not a WAV file (empty file)' : 'not a WAV file (no RIFF header)';
    throw new AudioFormatError('AUDIO_NOT_WAV', file, reason);
  }
  if (bytes.length < 12) {
    throw new AudioFormatError('AUDIO_CORRUPT', file, 'truncated RIFF header');
  }
  const form = ascii(bytes, 8, 4);
  if (form !== 'WAVE') {
    throw new AudioFormatError('AUDIO_NOT_WAV', file, `not a WAV file (RIFF form type is ${JSON.stringify(form)}, expected "WAVE")`);
  }
}

/**
 * Walks the RIFF chunks: `fmt ` of any size ≥ 16 (16, 18, 40 = EXTENSIBLE, or longer), any other
 * chunks (`fact`, `LIST`, `bext`, `JUNK`…) skipped, odd-sized chunks followed by their pad byte, and
 * the data chunk at whatever byte offset it lands. The data bytes are copied out, so typed-array
 * views over them are always aligned.
 */
function parseContainer(bytes: Uint8Array, file: string): { fmt: FmtChunk; data: DataChunk; bigEndian: boolean } {
  checkRiffHeader(bytes, file);
  const bigEndian = ascii(bytes, 0, 4) === 'RIFX';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, !bigEndian);
  const u32 = (o: number) => view.getUint32(o, !bigEndian);
  let fmt: FmtChunk | undefined;
  let data: DataChunk | undefined;
  let p = 12;
  while (p + 8 <= bytes.length && !data) {
    const id = ascii(bytes, p, 4);
    const size = u32(p + 4);
    const body = p + 8;
    if (id === 'fmt ') {
      if (body + 16 > bytes.length) throw new AudioFormatError('AUDIO_CORRUPT', file, 'missing fmt chunk (file cut inside it)');
      if (size < 16) throw new AudioFormatError('AUDIO_CORRUPT', file, `fmt chunk too short (${size} bytes)`);
      const extensible = size >= 40 && body + 40 <= bytes.length;
      fmt = {
        audioFormat: u16(body),
        numChannels: u16(body + 2),
        sampleRate: u32(body + 4),
        blockAlign: u16(body + 12),
        bitsPerSample: u16(body + 14),
        // The sub-format GUID's first two bytes are the format tag (KSDATAFORMAT_SUBTYPE_*).
        subformat: extensible ? [u16(body + 24)] : [],
      };
    } else if (id === 'data') {
      if (!fmt) throw new AudioFormatError('AUDIO_CORRUPT', file, 'missing fmt chunk before the data chunk');
      // A streamed WAV writes 0xFFFFFFFF (or 0 followed by audio, not by another chunk).
      const streamed = size === UNKNOWN_SIZE || (size === 0 && bytes.length > body && !looksLikeChunk(bytes, body));
      const end = streamed ? bytes.length : Math.min(bytes.length, body + size);
      // A view: a Node Buffer's slice() does not copy, so copying is left to one place (inspect).
      data = { chunkSize: streamed ? UNKNOWN_SIZE : size, samples: bytes.subarray(body, end) };
      break;
    }
    if (size === UNKNOWN_SIZE) break;
    p = body + size + (size & 1);
  }
  if (!fmt) throw new AudioFormatError('AUDIO_CORRUPT', file, 'missing fmt chunk (file truncated or not a WAV)');
  if (!data) throw new AudioFormatError('AUDIO_CORRUPT', file, 'missing data chunk (file truncated or not a WAV)');
  return { fmt, data, bigEndian };
}

/** Whether a chunk header (four printable ASCII characters + size) starts at `p`. */
function looksLikeChunk(bytes: Uint8Array, p: number): boolean {
  if (p + 8 > bytes.length) return false;
  for (let i = 0; i < 4; i++) if (bytes[p + i] < 0x20 || bytes[p + i] > 0x7e) return false;
  return true;
}

/** The effective format tag: WAVE_FORMAT_EXTENSIBLE carries the real one in its sub-format GUID. */
function formatTag(fmt: FmtChunk): number {
  if (fmt.audioFormat === FORMAT_EXTENSIBLE) return fmt.subformat[0] ?? 0;
  return fmt.audioFormat;
}

function describeFormat(tag: number): string {
  return `${UNSUPPORTED_NAMES[tag] ?? 'unknown'} (format ${tag})`;
}

/** Reverses each sample's bytes in place (RIFX files store samples big-endian). */
function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i + width <= bytes.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

type SampleReader = (bytes: Uint8Array, frames: number, channelCount: number, out: Float32Array[]) => void;

/**
 * Deinterleaves `frames` frames of a typed view into per-channel float arrays, scaled by `scale`.
 * One loop per channel keeps the inner loop a simple strided read that V8 optimises well.
 */
function deinterleave(view: ArrayLike<number>, frames: number, channelCount: number, out: Float32Array[], scale: number, offset = 0): void {
  for (let c = 0; c < channelCount; c++) {
    const dst = out[c];
    for (let i = 0, j = c; i < frames; i++, j += channelCount) dst[i] = (view[j] - offset) * scale;
  }
}

const readU8: SampleReader = (bytes, frames, n, out) => deinterleave(bytes, frames, n, out, 1 / 128, 128);

const readS16: SampleReader = (bytes, frames, n, out) => deinterleave(new Int16Array(bytes.buffer, bytes.byteOffset, frames * n), frames, n, out, 1 / 32768);

const readS32: SampleReader = (bytes, frames, n, out) =>
  deinterleave(new Int32Array(bytes.buffer, bytes.byteOffset, frames * n), frames, n, out, 1 / 2147483648);

const readF32: SampleReader = (bytes, frames, n, out) => deinterleave(new Float32Array(bytes.buffer, bytes.byteOffset, frames * n), frames, n, out, 1);

const readF64: SampleReader = (bytes, frames, n, out) => deinterleave(new Float64Array(bytes.buffer, bytes.byteOffset, frames * n), frames, n, out, 1);

const readS24: SampleReader = (bytes, frames, n, out) => {
  for (let c = 0; c < n; c++) {
    const dst = out[c];
    for (let i = 0, p = c * 3; i < frames; i++, p += n * 3) {
      // Assemble into the top 24 bits of an int32 so the sign comes for free, then scale.
      const v = (bytes[p] << 8) | (bytes[p + 1] << 16) | (bytes[p + 2] << 24);
      dst[i] = v / 2147483648;
    }
  }
};

const readG711 =
  (decode: (b: Uint8Array) => Int16Array): SampleReader =>
  (bytes, frames, n, out) =>
    deinterleave(decode(bytes.subarray(0, frames * n)), frames, n, out, 1 / 32768);

/** Picks the sample reader for a format tag and container width, or undefined if unsupported. */
function readerFor(tag: number, bitsPerSample: number): SampleReader | undefined {
  const bytesPerSample = Math.ceil(bitsPerSample / 8);
  if (tag === FORMAT_PCM) {
    if (bitsPerSample < 8) return undefined;
    // Sub-container precisions (e.g. 20-bit in 24) are left-justified, so the container width
    // alone decides the scale.
    return [undefined, readU8, readS16, readS24, readS32][bytesPerSample];
  }
  if (tag === FORMAT_FLOAT) return bytesPerSample === 4 ? readF32 : bytesPerSample === 8 ? readF64 : undefined;
  if (tag === FORMAT_MULAW && bytesPerSample === 1) return readG711(decodeMulaw);
  if (tag === FORMAT_ALAW && bytesPerSample === 1) return readG711(decodeAlaw);
  return undefined;
}

/** What a WAV header says, checked against the data (no samples decoded). */
export interface WavInfo {
  sampleRate: number;
  channels: number;
  /** frames (samples per channel) in the data chunk */
  frames: number;
  durationMs: number;
  /** e.g. "16-bit PCM", "32-bit float", "G.711 µ-law" */
  encoding: string;
}

interface Inspected {
  info: WavInfo;
  reader: SampleReader;
  raw: Uint8Array;
}

function encodingName(tag: number, bits: number): string {
  if (tag === FORMAT_PCM) return `${bits}-bit PCM`;
  if (tag === FORMAT_FLOAT) return `${bits}-bit float`;
  if (tag === FORMAT_MULAW) return 'G.711 µ-law';
  if (tag === FORMAT_ALAW) return 'G.711 A-law';
  return describeFormat(tag);
}

function inspect(bytes: Uint8Array, file: string): Inspected {
  const { fmt, data, bigEndian } = parseContainer(bytes, file);
  const tag = formatTag(fmt);
  const channelCount = fmt.numChannels;
  if (!(channelCount >= 1)) throw new AudioFormatError('AUDIO_CORRUPT', file, 'fmt chunk declares 0 channels');
  if (!(fmt.sampleRate >= 1)) throw new AudioFormatError('AUDIO_CORRUPT', file, 'fmt chunk declares sample rate 0');

  const reader = readerFor(tag, fmt.bitsPerSample);
  const encoding = encodingName(tag, fmt.bitsPerSample);
  if (!reader) throw new AudioFormatError('AUDIO_UNSUPPORTED', file, `unsupported WAV encoding: ${encoding}`);
  const bytesPerSample = Math.ceil(fmt.bitsPerSample / 8);
  const frameBytes = bytesPerSample * channelCount;
  if (fmt.blockAlign !== frameBytes) {
    throw new AudioFormatError(
      'AUDIO_CORRUPT',
      file,
      `fmt block align ${fmt.blockAlign} does not match ${channelCount} channel(s) of ${fmt.bitsPerSample}-bit samples`,
    );
  }

  let raw = data.samples;
  if (data.chunkSize !== UNKNOWN_SIZE) {
    if (raw.length < data.chunkSize) {
      throw new AudioFormatError('AUDIO_CORRUPT', file, `truncated data chunk (header declares ${data.chunkSize} bytes, file holds ${raw.length})`);
    }
    raw = raw.subarray(0, data.chunkSize); // drop the RIFF pad byte of odd-sized chunks
  }
  const frames = Math.floor(raw.length / frameBytes);
  if (frames === 0) throw new AudioFormatError('AUDIO_EMPTY', file, 'the WAV holds 0 frames of audio');
  // Typed-array views need an offset aligned to their element size: the data chunk can start at any
  // byte of the file, and the file at any byte of its ArrayBuffer (Node's Buffer pool). Copy with
  // `new Uint8Array(view)` — `Buffer#slice` would return another misaligned view, not a copy.
  if (raw.byteOffset % 8 !== 0) raw = new Uint8Array(raw);
  if (bigEndian && bytesPerSample > 1) {
    // Swapped in a copy: the caller's bytes stay as they were.
    if (raw.buffer === bytes.buffer) raw = new Uint8Array(raw);
    swapBytes(raw, bytesPerSample);
  }
  const info = {
    sampleRate: fmt.sampleRate,
    channels: channelCount,
    frames,
    durationMs: (frames * 1000) / fmt.sampleRate,
    encoding,
  };
  return { info, reader, raw };
}

/**
 * Reads and checks a WAV header without decoding samples (for validation and annotation metadata).
 * Throws exactly what {@link decodeWav} would throw for the same bytes.
 */
export function readWavInfo(bytes: Uint8Array, file: string): WavInfo {
  return inspect(bytes, file).info;
}

/**
 * Decodes a WAV file's bytes into float channels.
 *
 * Supports PCM integer 8 (unsigned), 16, 24 and 32 bit, IEEE float 32 and 64 bit, G.711 µ-law
 * (format 7) and A-law (format 6), WAVE_FORMAT_EXTENSIBLE wrapping any of these, any channel count,
 * and big-endian RIFX. A data chunk whose declared size is 0xFFFFFFFF (streamed WAV) extends to the
 * end of the file; a trailing partial frame is ignored. Assumes a little-endian host, as every
 * platform Node supports in practice is.
 *
 * @param bytes the whole file
 * @param file the name used in error messages
 * @throws AudioFormatError `AUDIO_NOT_WAV`, `AUDIO_UNSUPPORTED` or `AUDIO_CORRUPT`
 */
export function decodeWav(bytes: Uint8Array, file: string): DecodedAudio {
  const { info, reader, raw } = inspect(bytes, file);
  const channels: Float32Array[] = [];
  for (let c = 0; c < info.channels; c++) channels.push(new Float32Array(info.frames));
  reader(raw, info.frames, info.channels, channels);
  return { sampleRate: info.sampleRate, channels };
}

/**
 * Encodes mono 16-bit PCM as a canonical 44-byte-header WAV (format 1).
 * Written by hand because wavefile's writer packs one sample at a time.
 */
export function encodeWavPcm16(pcm: Int16Array, sampleRate: number): Uint8Array {
  const dataBytes = pcm.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const writeAscii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  };
  writeAscii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeAscii(8, 'WAVE');
  writeAscii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  writeAscii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < pcm.length; i++) view.setInt16(44 + 2 * i, pcm[i], true);
  return out;
}
