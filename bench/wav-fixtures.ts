/**
 * Test WAVs for the conversion benchmark, generated (not committed): a speech-like signal (a few
 * harmonics under a syllable-rate envelope, plus a little noise) in each fixture format rtbench
 * accepts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeMulaw } from '../src/audio/g711.js';

export interface WavFixture {
  name: string;
  file: string;
  durationMs: number;
  sampleRate: number;
  channels: number;
}

interface FormatSpec {
  name: string;
  sampleRate: number;
  channels: number;
  encoding: 'pcm16' | 'float32' | 'mulaw';
}

export const FIXTURE_FORMATS: readonly FormatSpec[] = [
  { name: '24 kHz 16-bit mono', sampleRate: 24000, channels: 1, encoding: 'pcm16' },
  { name: '48 kHz float stereo', sampleRate: 48000, channels: 2, encoding: 'float32' },
  { name: '44.1 kHz 16-bit stereo', sampleRate: 44100, channels: 2, encoding: 'pcm16' },
  { name: '8 kHz µ-law mono', sampleRate: 8000, channels: 1, encoding: 'mulaw' },
];

/** Writes one WAV per format, `durationMs` long, into `dir`. */
export async function writeWavFixtures(dir: string, durationMs: number): Promise<WavFixture[]> {
  const out: WavFixture[] = [];
  for (const [i, f] of FIXTURE_FORMATS.entries()) {
    const frames = Math.round((f.sampleRate * durationMs) / 1000);
    const channels = Array.from({ length: f.channels }, (_, c) => speechLike(frames, f.sampleRate, 1000 + 7 * c));
    const file = join(dir, `fixture-${i}.wav`);
    await writeFile(file, encodeWav(channels, f.sampleRate, f.encoding));
    out.push({ name: f.name, file, durationMs, sampleRate: f.sampleRate, channels: f.channels });
  }
  return out;
}

function speechLike(frames: number, rate: number, seed: number): Float32Array {
  const out = new Float32Array(frames);
  let s = seed >>> 0;
  const noise = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  for (let n = 0; n < frames; n++) {
    const t = n / rate;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t); // ≈ 4 syllables per second
    const f0 = 140 + 20 * Math.sin(2 * Math.PI * 0.5 * t);
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f0 * h * t) / h;
    out[n] = 0.25 * envelope * v + 0.01 * noise();
  }
  return out;
}

/** A canonical WAV (44-byte header) from float channels in [-1, 1). */
function encodeWav(channels: Float32Array[], sampleRate: number, encoding: FormatSpec['encoding']): Uint8Array {
  const frames = channels[0].length;
  const nch = channels.length;
  const bytesPerSample = encoding === 'float32' ? 4 : encoding === 'pcm16' ? 2 : 1;
  const formatCode = encoding === 'float32' ? 3 : encoding === 'pcm16' ? 1 : 7;
  const dataBytes = frames * nch * bytesPerSample;
  const buf = new Uint8Array(44 + dataBytes + (dataBytes % 2));
  const view = new DataView(buf.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) buf[o + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, buf.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, formatCode, true);
  view.setUint16(22, nch, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * nch * bytesPerSample, true);
  view.setUint16(32, nch * bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  const pcm16 = (v: number) => Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
  if (encoding === 'mulaw') {
    const mono = new Int16Array(frames);
    for (let n = 0; n < frames; n++) mono[n] = pcm16(channels[0][n]);
    buf.set(encodeMulaw(mono), 44);
    return buf;
  }
  let o = 44;
  for (let n = 0; n < frames; n++) {
    for (let c = 0; c < nch; c++) {
      if (encoding === 'float32') view.setFloat32(o, channels[c][n], true);
      else view.setInt16(o, pcm16(channels[c][n]), true);
      o += bytesPerSample;
    }
  }
  return buf;
}
