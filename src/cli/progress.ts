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
  private readonly firstAudio: number[] = [];
  private readonly started = Date.now();
  private live = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly tty: boolean,
  ) {}

  update(p: ProgressUpdate): void {
    for (const s of p.samples) if (typeof s.metrics.first_audio_ms === 'number') this.firstAudio.push(s.metrics.first_audio_ms);
    const p50 = median(this.firstAudio);
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
      const detail = sessionFailed ? `failed: ${p.samples.find((s) => !s.ok)?.error ?? ''}` : `ok${fa.length ? ` first_audio_ms ${fa.map((v) => Math.round(v)).join(',')}` : ''}`;
      this.out.write(`[${p.done}/${p.total}] ${p.sessionId} ${detail}\n`);
    }
  }

  /** Ends the live line so the next output starts on a fresh line. */
  finish(): void {
    if (this.live) this.out.write('\n');
    this.live = false;
  }
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function renderBar(fraction: number, width: number): string {
  const full = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
