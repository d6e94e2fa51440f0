/**
 * PCM plumbing between the realtime API's audio (PCM16 mono 24 kHz, base64 in JSON) and
 * libwebrtc's 10 ms PCM frames at 48 kHz. Opus itself runs inside libwebrtc.
 */

/** libwebrtc's audio rate and frame size. */
export const RTC_SAMPLE_RATE = 48_000;
export const RTC_FRAME_MS = 10;
export const RTC_FRAME_SAMPLES = (RTC_SAMPLE_RATE / 1000) * RTC_FRAME_MS;
/** The API's PCM16 rate. */
export const API_SAMPLE_RATE = 24_000;

/** Base64 PCM16 little-endian → samples. */
export function pcmFromBase64(base64: string): Int16Array {
  const buf = Buffer.from(base64, 'base64');
  const out = new Int16Array(buf.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = buf.readInt16LE(i * 2);
  return out;
}

/** Samples → base64 PCM16 little-endian. */
export function pcmToBase64(pcm: Int16Array): string {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64');
}

/**
 * 24 kHz → 48 kHz by linear interpolation, continuous across calls (it keeps the last sample), so
 * chunk boundaries add no clicks. Delay: half an input sample (≈ 0.02 ms).
 */
export class Upsampler {
  private prev = 0;

  process(input: Int16Array): Int16Array {
    const out = new Int16Array(input.length * 2);
    let prev = this.prev;
    for (let i = 0; i < input.length; i++) {
      const x = input[i];
      out[2 * i] = (prev + x) >> 1;
      out[2 * i + 1] = x;
      prev = x;
    }
    this.prev = prev;
    return out;
  }

  reset(): void {
    this.prev = 0;
  }
}

/** 48 kHz → 24 kHz: mean of each pair (a two-tap low-pass, enough for VAD and playback accounting). */
export function downsample48to24(input: Int16Array, channels = 1): Int16Array {
  const frames = Math.floor(input.length / channels);
  const out = new Int16Array(frames >> 1);
  for (let i = 0; i < out.length; i++) {
    const a = input[2 * i * channels];
    const b = input[(2 * i + 1) * channels];
    out[i] = (a + b) >> 1;
  }
  return out;
}

/** True when every sample is exactly zero (libwebrtc's output before any packet arrived). */
export function isDigitalSilence(samples: Int16Array): boolean {
  for (let i = 0; i < samples.length; i++) if (samples[i] !== 0) return false;
  return true;
}

/** Peak absolute sample value. */
export function peakOf(samples: Int16Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] < 0 ? -samples[i] : samples[i];
    if (v > peak) peak = v;
  }
  return peak;
}

/** A FIFO of samples handed out in whole 10 ms frames (48 kHz unless told otherwise). */
export class FrameQueue {
  private chunks: Int16Array[] = [];
  private head = 0;
  private total = 0;

  constructor(private readonly sampleRate = RTC_SAMPLE_RATE) {}

  /** Samples per 10 ms frame. */
  get frameSamples(): number {
    return (this.sampleRate / 1000) * RTC_FRAME_MS;
  }

  /** Samples queued. */
  get length(): number {
    return this.total;
  }

  /** Queued audio in ms. */
  get ms(): number {
    return this.total / (this.sampleRate / 1000);
  }

  push(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.chunks.push(samples);
    this.total += samples.length;
  }

  /** The next full frame, or null when less than a frame is queued. */
  shift(): Int16Array | null {
    const size = this.frameSamples;
    if (this.total < size) return null;
    const frame = new Int16Array(size);
    let filled = 0;
    while (filled < size) {
      const c = this.chunks[0];
      const take = Math.min(c.length - this.head, size - filled);
      frame.set(c.subarray(this.head, this.head + take), filled);
      filled += take;
      this.head += take;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.total -= size;
    return frame;
  }

  /** The rest, padded with silence to a whole frame (the end of an answer), or null when empty. */
  shiftPadded(): Int16Array | null {
    if (this.total === 0) return null;
    if (this.total >= this.frameSamples) return this.shift();
    const frame = new Int16Array(this.frameSamples);
    let filled = 0;
    for (const c of this.chunks) {
      const part = c.subarray(filled === 0 ? this.head : 0);
      frame.set(part, filled);
      filled += part.length;
    }
    this.clear();
    return frame;
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.total = 0;
  }
}
