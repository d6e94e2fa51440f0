/**
 * Measuring the link while sessions run: the client sends a small UDP probe every
 * {@link PROBE_INTERVAL_MS} to an echo in the server namespace (the probes queue behind the
 * session's own packets, so queueing delay counts), and reads the client namespace's TCP
 * retransmission counter at each probe. A session's facts are the probes of its own time span.
 */
import { createSocket, type Socket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import type { Clock } from '../clock/clock.js';

/** UDP port of the echo in the server namespace. */
export const PROBE_PORT = 9;
export const PROBE_INTERVAL_MS = 100;
/** A probe not back within this long counts as lost. */
const PROBE_TIMEOUT_MS = 3000;

/** An echo for probes (runs in the server namespace). */
export function startEcho(port = PROBE_PORT): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.on('message', (msg, from) => socket.send(msg, from.port, from.address));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '0.0.0.0', () => resolve(socket));
  });
}

/** The link facts of one session. */
export interface LinkFacts {
  /** Median round trip of the probes, ms. */
  link_rtt_ms: number | null;
  link_rtt_p95_ms: number | null;
  /** Share of probes not returned, percent. */
  link_probe_loss_pct: number | null;
  link_probes: number;
  /** TCP segments retransmitted in the client namespace during the session. */
  tcp_retransmits: number | null;
}

interface Probe {
  sentT: number;
  rttMs: number | null;
}

/** Reads `RetransSegs` from /proc/net/snmp (of the namespace this process is in). */
export async function tcpRetransSegs(): Promise<number | null> {
  const text = await readFile('/proc/net/snmp', 'utf8').catch(() => '');
  const lines = text.split('\n').filter((l) => l.startsWith('Tcp:'));
  if (lines.length < 2) return null;
  const names = lines[0]!.split(/\s+/);
  const values = lines[1]!.split(/\s+/);
  const i = names.indexOf('RetransSegs');
  return i < 0 ? null : Number(values[i]);
}

/** Sends probes until stopped; answers per time span. */
export class LinkProber {
  private readonly probes: Probe[] = [];
  private readonly retrans: Array<{ t: number; segs: number }> = [];
  private timer: NodeJS.Timeout | null = null;
  private socket: Socket | null = null;
  private sending = true;

  constructor(
    private readonly clock: Clock,
    private readonly host: string,
    private readonly port = PROBE_PORT,
    private readonly intervalMs = PROBE_INTERVAL_MS,
  ) {}

  async start(): Promise<void> {
    const socket = createSocket('udp4');
    this.socket = socket;
    socket.on('message', (msg) => {
      if (msg.length < 4) return;
      const p = this.probes[msg.readUInt32BE(0)];
      if (p && p.rttMs === null) p.rttMs = this.clock.now() - p.sentT;
    });
    await new Promise<void>((resolve) => socket.bind(0, resolve));
    await this.tick();
  }

  private async tick(): Promise<void> {
    const seq = this.probes.length;
    const msg = Buffer.alloc(32);
    msg.writeUInt32BE(seq, 0);
    this.probes.push({ sentT: this.clock.now(), rttMs: null });
    this.socket?.send(msg, this.port, this.host);
    const segs = await tcpRetransSegs();
    if (segs !== null) this.retrans.push({ t: this.clock.now(), segs });
    if (this.socket && this.sending) this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  /** The facts of the span [startT, endT]: its probes that came back or are known lost. */
  factsBetween(startT: number, endT: number): LinkFacts {
    // A probe still out is lost once a later one has come back (the link keeps order) or it is long overdue.
    let lastBack = this.probes.length - 1;
    while (lastBack >= 0 && this.probes[lastBack]!.rttMs === null) lastBack--;
    const now = this.clock.now();
    const span = this.probes.filter((p, i) => p.sentT >= startT && p.sentT <= endT && (p.rttMs !== null || i < lastBack || now - p.sentT > PROBE_TIMEOUT_MS));
    const rtts = span.flatMap((p) => (p.rttMs === null ? [] : [p.rttMs])).sort((a, b) => a - b);
    const before = [...this.retrans].reverse().find((r) => r.t <= startT) ?? this.retrans[0];
    const after = [...this.retrans].reverse().find((r) => r.t <= endT + this.intervalMs) ?? null;
    return {
      link_rtt_ms: rtts.length ? round(quantile(rtts, 0.5)) : null,
      link_rtt_p95_ms: rtts.length ? round(quantile(rtts, 0.95)) : null,
      link_probe_loss_pct: span.length ? round((100 * (span.length - rtts.length)) / span.length) : null,
      link_probes: span.length,
      tcp_retransmits: before && after ? after.segs - before.segs : null,
    };
  }

  /** Round trips of every probe answered so far, ms (for tests of the link). */
  rtts(): number[] {
    return this.probes.flatMap((p) => (p.rttMs === null ? [] : [p.rttMs]));
  }

  sent(): number {
    return this.probes.length;
  }

  /** Sends no more probes; answers to those out still count. */
  stopSending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sending = false;
  }

  stop(): void {
    this.stopSending();
    this.socket?.close();
    this.socket = null;
  }
}

function quantile(sorted: readonly number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (i - lo);
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
