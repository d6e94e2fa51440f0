import type { Sample } from '../index.js';

export interface ProgressUpdate {
  done: number;
  total: number;
  failed: number;
  sessionId: string;
  samples: Sample[];
}

/**
 * Progress on stderr: on a TTY one live line (sessions done/total, failures, ETA, running
 * first-audio p50) redrawn in place; elsewhere (CI, pipes) one plain line per session.
 */
export class Progress {
  /** First-audio values so far, as a 1 ms histogram: a running median without re-sorting 100 000 values per update. */
  private readonly firstAudio = new Map<number, number>();
  private firstAudioN = 0;
  private readonly started = Date.now();
  private live = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly tty: boolean,
  ) {}

  update(p: ProgressUpdate): void {
    for (const s of p.samples) {
      const v = s.metrics.first_audio_ms;
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      const bin = Math.round(v);
      this.firstAudio.set(bin, (this.firstAudio.get(bin) ?? 0) + 1);
      this.firstAudioN++;
    }
    const p50 = histogramMedian(this.firstAudio, this.firstAudioN);
    const sessionFailed = p.samples.some((s) => !s.ok);
    if (this.tty) {
      const elapsed = (Date.now() - this.started) / 1000;
      const eta = p.done ? (elapsed / p.done) * (p.total - p.done) : 0;
      const bar = renderBar(p.done / p.total, 20);
      const line = `${bar} ${p.done}/${p.total} sessions${p.failed ? ` · ${p.failed} failed` : ''} · ETA ${clock(eta)} · first audio p50 ${p50 === null ? '—' : `${Math.round(p50)} ms`}`;
      this.out.write(`\r\x1b[2K${line}`);
      this.live = true;
    } else {
      const fa = p.samples.map((s) => s.metrics.first_audio_ms).filter((v): v is number => typeof v === 'number');
      const detail = sessionFailed
        ? `failed: ${oneLine(p.samples.find((s) => !s.ok)?.error ?? '')}`
        : `ok${fa.length ? ` first_audio_ms ${firstAudioText(fa)}` : ''}`;
      this.out.write(`[${p.done}/${p.total}] ${p.sessionId} ${detail}\n`);
    }
  }

  /** Ends the live line so the next output starts on a fresh line. */
  finish(): void {
    if (this.live) this.out.write('\n');
    this.live = false;
  }
}

/** Up to 4 turns: each value; more: a summary, so the line stays short for a 10 000-turn session. */
export function firstAudioText(values: readonly number[]): string {
  if (values.length <= 4) return values.map((v) => Math.round(v)).join(',');
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const sorted = Float64Array.from(values).sort();
  return `p50 ${Math.round(sorted[sorted.length >> 1])} (min ${Math.round(lo)}, max ${Math.round(hi)}, ${values.length} turns)`;
}

/** One line of at most 160 characters (an error message can be long and multi-line). */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}

function histogramMedian(bins: Map<number, number>, n: number): number | null {
  if (n === 0) return null;
  const keys = [...bins.keys()].sort((a, b) => a - b);
  let seen = 0;
  for (const k of keys) {
    seen += bins.get(k)!;
    if (seen * 2 >= n) return k;
  }
  return keys[keys.length - 1];
}

function renderBar(fraction: number, width: number): string {
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
