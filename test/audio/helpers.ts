/**
 * Test-side signal and WAV builders. The WAV writer is independent of src/audio (explicit byte
 * writes straight from the RIFF/WAVE spec), so decoding tests check the decoder against the spec,
 * not against itself.
 */

/** A sine in [-1, 1] units: `amplitude · sin(2π f t + phase)`. */
export function sine(freqHz: number, amplitude: number, sampleRate: number, samples: number, phase = 0): Float64Array {
  const out = new Float64Array(samples);
  for (let i = 0; i < samples; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / sampleRate + phase);
  return out;
}

/** Float [-1, 1] → int16 by rounding (the same convention as the library: × 32768, clipped). */
export function toInt16(x: ArrayLike<number>): Int16Array {
  const out = new Int16Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768)));
  return out;
}

/** Tone bursts: `level` (0..1 peak) sine at `freqHz` inside each [startMs, endMs), zero elsewhere. */
export function bursts(sampleRate: number, totalMs: number, spans: Array<[number, number]>, amplitude = 0.5, freqHz = 440): Int16Array {
  const out = new Int16Array(Math.round((totalMs * sampleRate) / 1000));
  for (const [startMs, endMs] of spans) {
    const from = Math.round((startMs * sampleRate) / 1000);
    const to = Math.round((endMs * sampleRate) / 1000);
    for (let i = from; i < to; i++) out[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * freqHz * (i - from)) / sampleRate));
  }
  return out;
}

/**
 * Amplitude and phase of the `freqHz` component (a single-bin DFT over whole periods when possible).
 * For a pure sine of amplitude A this returns A.
 */
export function toneAmplitude(x: ArrayLike<number>, freqHz: number, sampleRate: number, from = 0, to = x.length): number {
  let re = 0;
  let im = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * freqHz * i) / sampleRate;
    re += x[i] * Math.cos(w);
    im += x[i] * Math.sin(w);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

/** Frequency estimated from upward zero crossings (interpolated), averaged over the range. */
export function zeroCrossingHz(x: ArrayLike<number>, sampleRate: number, from = 0, to = x.length): number {
  const crossings: number[] = [];
  for (let i = from + 1; i < to; i++) {
    if (x[i - 1] < 0 && x[i] >= 0) crossings.push(i - 1 + x[i - 1] / (x[i - 1] - x[i]));
  }
  const periods = crossings.length - 1;
  return (periods * sampleRate) / (crossings[crossings.length - 1] - crossings[0]);
}

export interface WavSpec {
  formatTag: number; // 1 PCM, 3 float, 6 A-law, 7 µ-law, 2 ADPCM…
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** wrap the format in WAVE_FORMAT_EXTENSIBLE (tag 0xFFFE, real tag in the sub-format GUID) */
  extensible?: boolean;
  /** extra chunk before "data" (e.g. LIST), to check that the parser skips it */
  extraChunk?: boolean;
  /** override the data chunk's declared size */
  declaredDataBytes?: number;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function u16(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff];
}

function u32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

/** Builds a WAV file from already-encoded, interleaved sample bytes. */
export function buildWav(spec: WavSpec, data: Uint8Array): Uint8Array {
  const blockAlign = spec.channels * Math.ceil(spec.bitsPerSample / 8);
  const fmtCommon = [
    ...u16(spec.extensible ? 0xfffe : spec.formatTag),
    ...u16(spec.channels),
    ...u32(spec.sampleRate),
    ...u32(spec.sampleRate * blockAlign),
    ...u16(blockAlign),
    ...u16(spec.bitsPerSample),
  ];
  const fmt = spec.extensible
    ? [
        ...fmtCommon,
        ...u16(22), // cbSize
        ...u16(spec.bitsPerSample), // valid bits
        ...u32(0), // channel mask
        // KSDATAFORMAT_SUBTYPE_*: the format tag, then the fixed GUID tail.
        ...u32(spec.formatTag),
        ...[0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71],
      ]
    : spec.formatTag === 1 || spec.formatTag === 3
      ? fmtCommon
      : [...fmtCommon, ...u16(0)];
  const chunks: number[] = [...ascii('fmt '), ...u32(fmt.length), ...fmt];
  if (spec.extraChunk) {
    const list = ascii('INFOISFT\u0005\u0000\u0000\u0000test\u0000\u0000');
    chunks.push(...ascii('LIST'), ...u32(list.length), ...list);
  }
  chunks.push(...ascii('data'), ...u32(spec.declaredDataBytes ?? data.length));
  const header = [...ascii('RIFF'), ...u32(4 + chunks.length + data.length + (data.length % 2)), ...ascii('WAVE'), ...chunks];
  const out = new Uint8Array(header.length + data.length + (data.length % 2));
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}

/** Interleaves channels (values in [-1, 1]) and encodes them as `bits`-bit PCM or float. */
export function encodeSamples(channels: Float64Array[], kind: 'pcm' | 'float', bits: number): Uint8Array {
  const frames = channels[0].length;
  const width = bits / 8;
  const out = new Uint8Array(frames * channels.length * width);
  const view = new DataView(out.buffer);
  let p = 0;
  for (let i = 0; i < frames; i++) {
    for (const channel of channels) {
      const v = channel[i];
      if (kind === 'float') {
        if (bits === 32) view.setFloat32(p, v, true);
        else view.setFloat64(p, v, true);
      } else if (bits === 8) {
        view.setUint8(p, Math.max(0, Math.min(255, Math.round(v * 128) + 128)));
      } else if (bits === 16) {
        view.setInt16(p, Math.max(-32768, Math.min(32767, Math.round(v * 32768))), true);
      } else if (bits === 24) {
        const s = Math.max(-8388608, Math.min(8388607, Math.round(v * 8388608)));
        view.setUint8(p, s & 0xff);
        view.setUint8(p + 1, (s >> 8) & 0xff);
        view.setUint8(p + 2, (s >> 16) & 0xff);
      } else {
        view.setInt32(p, Math.max(-2147483648, Math.min(2147483647, Math.round(v * 2147483648))), true);
      }
      p += width;
    }
  }
  return out;
}
