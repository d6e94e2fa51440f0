/**
 * How the harness's main thread (the pacer's event loop) spent a measurement: time running and
 * time runnable but waiting for a core (`/proc/self/task/<tid>/schedstat`). A send lag with a long
 * run-queue wait is CPU contention (the two cores are busy with libwebrtc's threads, the mock or
 * other processes); a lag with the thread running is work on the event loop. Linux only; elsewhere
 * every figure is null.
 */
import { readFileSync } from 'node:fs';

export interface ThreadSched {
  /** % of the wall time the main thread was on a core. */
  main_run_pct: number | null;
  /** % of the wall time it was runnable but waiting for a core. */
  main_wait_pct: number | null;
}

interface Reading {
  runNs: number;
  waitNs: number;
  wallNs: bigint;
}

function read(): Reading | null {
  try {
    const [run, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { runNs: run, waitNs: wait, wallNs: process.hrtime.bigint() };
  } catch {
    return null;
  }
}

export class MainThreadSched {
  private first: Reading | null = null;

  start(): void {
    this.first = read();
  }

  stop(): ThreadSched {
    const a = this.first;
    const b = read();
    if (!a || !b || b.wallNs <= a.wallNs) return { main_run_pct: null, main_wait_pct: null };
    const wall = Number(b.wallNs - a.wallNs);
    const pct = (ns: number) => Math.round((ns / wall) * 1000) / 10;
    return { main_run_pct: pct(b.runNs - a.runNs), main_wait_pct: pct(b.waitNs - a.waitNs) };
  }
}
