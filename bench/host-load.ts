/**
 * How busy the machine was during a measurement, and how much of that was neither the harness nor
 * the mock: on a shared 2-core box another process's compile or test run shows up as send lag, so
 * each load run reports it and a disturbed run is repeated (see main.ts). Linux (`/proc`) only;
 * elsewhere every figure is null.
 */
import { readFileSync } from 'node:fs';

export interface HostLoad {
  /** CPU used by every process, in % of one core (200 = both cores of a 2-core machine). */
  busy_pct: number | null;
  /** The part used by processes other than the harness (this process) and the mock. */
  other_pct: number | null;
  /** The mock process's own CPU. */
  mock_pct: number | null;
}

interface Snapshot {
  busyTicks: number;
  totalTicks: number;
  selfTicks: number;
  mockTicks: number;
}

/** USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream Linux build). */
const TICKS_PER_S = 100;

export class HostLoadMonitor {
  private first: Snapshot | null = null;

  constructor(private readonly mockPid: () => number | undefined) {}

  start(): void {
    this.first = snapshot(this.mockPid());
  }

  stop(): HostLoad {
    const a = this.first;
    const b = snapshot(this.mockPid());
    if (!a || !b) return { busy_pct: null, other_pct: null, mock_pct: null };
    const cores = cpuCount();
    const totalTicks = b.totalTicks - a.totalTicks;
    if (totalTicks <= 0 || cores === 0) return { busy_pct: null, other_pct: null, mock_pct: null };
    // /proc/stat's total counts every core; one core's worth of wall time is total / cores.
    const wallTicks = totalTicks / cores;
    const pct = (ticks: number) => Math.round((ticks / wallTicks) * 1000) / 10;
    const busy = b.busyTicks - a.busyTicks;
    const ours = b.selfTicks - a.selfTicks + (b.mockTicks - a.mockTicks);
    return { busy_pct: pct(busy), other_pct: Math.max(0, pct(busy - ours)), mock_pct: pct(b.mockTicks - a.mockTicks) };
  }
}

function snapshot(mockPid: number | undefined): Snapshot | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    const self = process.cpuUsage();
    return {
      busyTicks: total - idle - iowait,
      totalTicks: total,
      selfTicks: ((self.user + self.system) / 1e6) * TICKS_PER_S,
      mockTicks: mockPid ? processTicks(mockPid) : 0,
    };
  } catch {
    return null;
  }
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

function cpuCount(): number {
  try {
    return readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .filter((l) => /^cpu\d+ /.test(l)).length;
  } catch {
    return 0;
  }
}

/**
 * Waits until the machine has been quiet (every process together below `maxBusyPct` of one core)
 * for one sampling window, at most `timeoutMs`. Returns the last window's busy % (null off Linux).
 * Called between load runs, when neither the harness nor a mock is working.
 */
export async function waitForQuiet(opts: { maxBusyPct?: number; windowMs?: number; timeoutMs?: number } = {}): Promise<number | null> {
  const max = opts.maxBusyPct ?? 15;
  const windowMs = opts.windowMs ?? 1000;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    const a = snapshot(undefined);
    await new Promise((r) => setTimeout(r, windowMs));
    const b = snapshot(undefined);
    if (!a || !b) return null;
    const cores = cpuCount();
    const total = b.totalTicks - a.totalTicks;
    const busy = total > 0 && cores > 0 ? Math.round(((b.busyTicks - a.busyTicks) / (total / cores)) * 1000) / 10 : 0;
    if (busy <= max || Date.now() >= deadline) return busy;
  }
}
