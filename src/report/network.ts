/**
 * `--network`: the link each cell asked for next to the link as measured during its sessions
 * (probe round trip and loss, TCP retransmissions, WebRTC packets lost), and a plain statement
 * when the uplink could not carry the transport's audio in real time. Pure: from results alone.
 */
import type { RunResults, Sample } from '../results/types.js';

export interface NetworkRow {
  network: string;
  transport: string;
  engine: string;
  /** The link asked for, in words: `rtt 70 ms ±10 · loss 0.5 % · down 12000 / up 12000 kbit/s`. */
  asked: string;
  /** What the sessions measured, in words. */
  measured: string;
  /** Why latencies are missing, when the uplink could not keep real time. */
  note: string | null;
}

/** One row per network × transport of the run's links (none when the run used no link). */
export function networkRows(results: RunResults): NetworkRow[] {
  const rows: NetworkRow[] = [];
  for (const link of results.run.network ?? []) {
    const samples = results.samples.filter((s) => s.network === link.network);
    for (const transport of [...new Set(samples.map((s) => s.transport ?? 'ws'))]) {
      const cell = firstTurns(samples.filter((s) => (s.transport ?? 'ws') === transport));
      const rtt = median(nums(cell, 'link_rtt_ms'));
      const loss = mean(nums(cell, 'link_probe_loss_pct'));
      const parts = [`rtt ${fmt(rtt)} ms (probes)`, `probe loss ${fmt(loss, 1)} %`];
      if (transport === 'ws') parts.push(`TCP retransmits ${fmt(mean(nums(cell, 'tcp_retransmits')), 1)}/session`);
      if (transport === 'webrtc')
        parts.push(`RTP lost ${fmt(mean(nums(cell, 'webrtc_packets_lost')), 1)}/session`, `getStats rtt ${fmt(median(nums(cell, 'webrtc_round_trip_ms')))} ms`);
      const slow = cell.find((s) => s.facts?.link_realtime === false);
      rows.push({
        network: link.network,
        transport,
        engine: link.engine,
        asked: asked(link),
        measured: parts.join(' · '),
        note: slow
          ? `uplink ${link.up.rate_kbit} kbit/s < ${slow.facts?.link_uplink_needed_kbit} kbit/s needed: cannot keep real time, latency not reported`
          : null,
      });
    }
  }
  return rows;
}

type Link = NonNullable<RunResults['run']['network']>[number];

function asked(l: Link): string {
  const rtt = l.up.delay_ms + l.down.delay_ms;
  const jitter = l.up.jitter_ms + l.down.jitter_ms;
  const loss = l.up.loss_pct === l.down.loss_pct ? `${l.up.loss_pct} %` : `${l.up.loss_pct} % up / ${l.down.loss_pct} % down`;
  const rate = (k: number | null) => (k === null ? '∞' : String(k));
  return `rtt ${rtt} ms${jitter ? ` ±${jitter}` : ''} · loss ${loss}${l.up.burst_packets > 1 ? ` (bursts of ${l.up.burst_packets})` : ''} · down ${rate(l.down.rate_kbit)} / up ${rate(l.up.rate_kbit)} kbit/s`;
}

/** Link facts are per session: one sample (the first turn) per session. */
function firstTurns(samples: Sample[]): Sample[] {
  const seen = new Set<string>();
  return samples.filter((s) => {
    const session = s.id.replace(/#t\d+$/, '');
    if (seen.has(session)) return false;
    seen.add(session);
    return true;
  });
}

function nums(samples: Sample[], fact: string): number[] {
  return samples.map((s) => s.facts?.[fact]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

function median(v: number[]): number | null {
  if (!v.length) return null;
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function mean(v: number[]): number | null {
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

function fmt(v: number | null, digits = 0): string {
  return v === null ? '—' : v.toFixed(digits);
}

/** The Markdown section (empty without links). */
export function networkMarkdown(results: RunResults, escape: (s: string) => string): string[] {
  const rows = networkRows(results);
  if (!rows.length) return [];
  const out = ['### Network', '', '| Network | Transport | Engine | Asked for | Measured |', '|---|---|---|---|---|'];
  for (const r of rows)
    out.push(`| ${escape(r.network)} | ${r.transport} | ${r.engine} | ${escape(r.asked)} | ${escape(r.note ? `${r.measured} — ⚠ ${r.note}` : r.measured)} |`);
  return [...out, ''];
}

/** Console lines (empty without links). */
export function networkLines(results: RunResults): string[] {
  return networkRows(results).map(
    (r) => `network ${r.network} (${r.transport}, ${r.engine}): asked ${r.asked}; measured ${r.measured}${r.note ? `; ⚠ ${r.note}` : ''}`,
  );
}
