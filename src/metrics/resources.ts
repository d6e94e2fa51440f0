import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { Clock } from '../clock/clock.js';

/** What the harness process spent while a run was measured. */
export interface ResourceUsage {
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** (user + system) / wall × 100: 100 = one core fully busy. */
  cpuPct: number;
  rssStartMb: number;
  rssPeakMb: number;
  rssEndMb: number;
  /** Event-loop delay percentiles (ms) from `monitorEventLoopDelay`. */
  eventLoopDelay: { p50Ms: number; p99Ms: number; maxMs: number };
}

export interface ResourceMonitorOptions {
  /** Sampling period of the event-loop delay histogram (ms) [5]. */
  loopResolutionMs?: number;
  /** RSS sampling period (ms) [100]. */
  rssEveryMs?: number;
}

const MB = 1024 * 1024;

/**
 * Samples this process's CPU time, resident memory and event-loop delay between `start()` and
 * `stop()`. Real-time runs only: under a virtual clock these numbers say nothing about pacing.
 *
 * Peak RSS is the larger of periodic samples and the kernel's own high-water mark (`maxRSS`) when
 * that mark rose during the run, so a short spike between samples is not missed.
 */
export class ResourceMonitor {
  private readonly histogram: IntervalHistogram;
  private readonly loopResolutionMs: number;
  private readonly rssEveryMs: number;
  private state: 'idle' | 'running' | 'stopped' = 'idle';
  private startMs = 0;
  private cpuStart: NodeJS.CpuUsage = { user: 0, system: 0 };
  private rssStart = 0;
  private rssPeak = 0;
  private maxRssStartKb = 0;
  private sampler: NodeJS.Timeout | null = null;

  constructor(
    private readonly clock: Clock,
    opts: ResourceMonitorOptions = {},
  ) {
    this.loopResolutionMs = opts.loopResolutionMs ?? 5;
    this.histogram = monitorEventLoopDelay({ resolution: this.loopResolutionMs });
    this.rssEveryMs = opts.rssEveryMs ?? 100;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.startMs = this.clock.now();
    this.cpuStart = process.cpuUsage();
    this.rssStart = process.memoryUsage.rss();
    this.rssPeak = this.rssStart;
    this.maxRssStartKb = process.resourceUsage().maxRSS;
    this.histogram.reset();
    this.histogram.enable();
    this.sampler = setInterval(() => this.sampleRss(), this.rssEveryMs);
    this.sampler.unref();
  }

  /** Whether `start()` was called and `stop()` not yet. */
  get started(): boolean {
    return this.state === 'running';
  }

  /** Stops sampling and returns the usage since `start()`. */
  stop(): ResourceUsage {
    if (this.state !== 'running') throw new Error(`ResourceMonitor.stop() while ${this.state}`);
    this.state = 'stopped';
    const wallMs = this.clock.now() - this.startMs;
    const cpu = process.cpuUsage(this.cpuStart);
    this.histogram.disable();
    if (this.sampler) clearInterval(this.sampler);
    this.sampleRss();
    const rssEnd = process.memoryUsage.rss();
    const maxRssEndKb = process.resourceUsage().maxRSS;
    // The kernel's high-water mark covers the whole process life; it is this run's peak only if it rose now.
    if (maxRssEndKb > this.maxRssStartKb) this.rssPeak = Math.max(this.rssPeak, maxRssEndKb * 1024);
    const cpuUserMs = cpu.user / 1000;
    const cpuSystemMs = cpu.system / 1000;
    const h = this.histogram;
    // Node 20 records the whole interval between the histogram's timer callbacks, i.e. the delay
    // plus the resolution itself (an idle loop at resolution 5 reads ≈ 5.1 ms): take it off.
    const ms = (ns: number) => round2(Math.max(0, ns / 1e6 - this.loopResolutionMs));
    return {
      wallMs: round2(wallMs),
      cpuUserMs: round2(cpuUserMs),
      cpuSystemMs: round2(cpuSystemMs),
      cpuPct: wallMs > 0 ? round2(((cpuUserMs + cpuSystemMs) / wallMs) * 100) : 0,
      rssStartMb: round2(this.rssStart / MB),
      rssPeakMb: round2(this.rssPeak / MB),
      rssEndMb: round2(rssEnd / MB),
      eventLoopDelay: h.count > 0 ? { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) } : { p50Ms: 0, p99Ms: 0, maxMs: 0 },
    };
  }

  private sampleRss(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.rssPeak) this.rssPeak = rss;
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
