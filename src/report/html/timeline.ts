import { InputTimeline } from '../../metrics/timeline.js';
import type { TraceChunk, TraceMeta, TracePlayback, TraceRecord, TraceRecv, TraceTurn } from '../../metrics/trace.js';
import { computeTurnMetrics } from '../../metrics/turns.js';
import { escapeHtml } from '../escape.js';
import { turnLabel } from '../../results/sample.js';
import { fmtMs } from '../format.js';
import { bottomAxis, linearScale, niceTicks, px, svgOpen } from './svg.js';

/** Colours of the timeline's marks (also used by its HTML legend). */
export const TIMELINE_COLORS = {
  speech: '#4e79a7',
  bargeIn: '#e15759',
  vad: '#b07aa1',
  latency: '#57606a',
  completed: '#59a14f',
  cancelled: '#f28e2b',
  failed: '#e15759',
  other: '#bab0ac',
  playback: '#76b7b2',
} as const;

export interface SessionTimeline {
  session: string;
  /** `scenario · model · target`. */
  caption: string;
  bargeIn: boolean;
  svg: string;
  /** Turns drawn and turns in the session (a long session is drawn as a window of its first turns). */
  turnsDrawn: number;
  turnsTotal: number;
}

/**
 * Most turns drawn per session. A 10 000-turn conversation drawn whole would be tens of MB of SVG
 * and unreadable at 1100 px; the window keeps report.html small, and every chart and table of the
 * report still uses every turn.
 */
export const MAX_TIMELINE_TURNS = 40;

interface Span {
  from: number;
  to: number;
  label?: string;
  color: string;
  title: string;
  cls?: string;
}

const W = 1100;
const LEFT = 168;
const RIGHT = 24;
const TOP = 26;
const LANE_H = 26;
const GAP = 10;

/**
 * Draws one session, from its trace, on a shared time axis (seconds since the input stream
 * started): the user's true speech, the server's VAD detections, end-of-speech → first-audio
 * latency per turn, response audio as received, and the simulated player; barge-in onsets are a
 * dashed line across all lanes. Wall times of audio positions come from the chunks actually sent,
 * as in the metrics. Returns null for a session that sent no audio.
 */
export function sessionTimeline(all: readonly TraceRecord[], maxTurns = MAX_TIMELINE_TURNS): SessionTimeline | null {
  const allTurns = all.filter((r): r is TraceTurn => r.k === 'turn');
  const turnsTotal = allTurns.length;
  // The window ends where the first turn not drawn starts (records are in time order).
  const cutoff = turnsTotal > maxTurns ? [...allTurns].sort((a, b) => a.turn - b.turn)[maxTurns].t : Infinity;
  const records = cutoff === Infinity ? all : all.filter((r) => r.t < cutoff);
  const chunks = records.filter((r): r is TraceChunk => r.k === 'chunk');
  if (!chunks.length) return null;
  const meta = records.find((r): r is TraceMeta => r.k === 'meta');
  const turns = records.filter((r): r is TraceTurn => r.k === 'turn').sort((a, b) => a.turn - b.turn);
  const recv = records.filter((r): r is TraceRecv => r.k === 'recv');
  const plays = records.filter((r): r is TracePlayback => r.k === 'play');
  const input = new InputTimeline(chunks);
  const first = chunks.reduce((a, b) => (b.pos_ms < a.pos_ms ? b : a));
  const origin = first.due - (first.end_ms - first.pos_ms);
  const rel = (t: number) => (t - origin) / 1000;
  let lastT = -Infinity;
  for (const r of records) if (r.t > lastT) lastT = r.t;

  const lanes: Array<{ name: string; spans: Span[]; thin?: boolean }> = [
    { name: 'User speech (truth)', spans: speechSpans(turns, input) },
    { name: 'Server VAD', spans: vadSpans(recv) },
    { name: 'First-audio latency', spans: latencySpans(records, turns, input), thin: true },
    { name: 'Response audio received', spans: responseSpans(recv) },
    { name: 'Playback (simulated)', spans: playbackSpans(plays) },
  ];
  const ticks = niceTicks(0, Math.max(0.5, rel(lastT)), 10);
  const x = linearScale([0, ticks.hi], [LEFT, W - RIGHT]);
  const lanesBottom = TOP + lanes.length * (LANE_H + GAP);
  const H = lanesBottom + 44;
  const out = [svgOpen(W, H, `Session timeline of ${meta?.scenario ?? 'a session'}`, 'chart timeline')];
  out.push(bottomAxis(x, lanesBottom, { ticks: ticks.ticks, step: ticks.step, label: 'time since the input stream started (s)', grid: lanesBottom - TOP + 6 }));

  lanes.forEach((lane, i) => {
    const y = TOP + i * (LANE_H + GAP);
    out.push(`<rect class="lane" x="${LEFT}" y="${y}" width="${W - LEFT - RIGHT}" height="${LANE_H}"/>`);
    out.push(`<text class="lane-label" x="${LEFT - 10}" y="${px(y + LANE_H / 2)}" dy="0.32em" text-anchor="end">${escapeHtml(lane.name)}</text>`);
    for (const s of lane.spans) {
      const x0 = x(rel(s.from));
      const x1 = Math.max(x0 + 1.5, x(rel(s.to)));
      const h = lane.thin ? 4 : LANE_H - 6;
      const yy = lane.thin ? y + LANE_H - 8 : y + 3;
      out.push(`<g class="span ${s.cls ?? ''}"><title>${escapeHtml(s.title)}</title>`);
      if (lane.thin) {
        out.push(
          `<line class="bracket" x1="${px(x0)}" x2="${px(x1)}" y1="${px(yy + 2)}" y2="${px(yy + 2)}" stroke="${s.color}"/><line class="bracket" x1="${px(x0)}" x2="${px(x0)}" y1="${px(yy - 3)}" y2="${px(yy + 7)}" stroke="${s.color}"/><line class="bracket" x1="${px(x1)}" x2="${px(x1)}" y1="${px(yy - 3)}" y2="${px(yy + 7)}" stroke="${s.color}"/>`,
        );
        if (s.label) out.push(`<text class="span-label dark" x="${px((x0 + x1) / 2)}" y="${px(yy - 5)}" text-anchor="middle">${escapeHtml(s.label)}</text>`);
      } else {
        out.push(`<rect x="${px(x0)}" y="${px(yy)}" width="${px(x1 - x0)}" height="${h}" rx="3" fill="${s.color}"/>`);
        if (s.label && x1 - x0 > s.label.length * 6 + 8)
          out.push(`<text class="span-label" x="${px(x0 + 6)}" y="${px(yy + h / 2)}" dy="0.32em">${escapeHtml(s.label)}</text>`);
      }
      out.push('</g>');
    }
  });

  // response.done ticks on the response lane, and barge-in onsets across every lane.
  const respY = TOP + 3 * (LANE_H + GAP);
  for (const r of recv.filter((e) => e.type === 'response.done')) {
    const rx = px(x(rel(r.t)));
    out.push(
      `<line class="done-tick" x1="${rx}" x2="${rx}" y1="${respY - 2}" y2="${respY + LANE_H + 2}"><title>response.done ${escapeHtml(String((r.event.response as { status?: string } | undefined)?.status ?? ''))}</title></line>`,
    );
  }
  for (const t of turns.filter((tt) => tt.barge_in && tt.speech.length)) {
    const onset = input.wallTimeOf(t.speech[0].start_ms);
    if (onset === null) continue;
    const bx = px(x(rel(onset)));
    out.push(
      `<line class="barge-line" x1="${bx}" x2="${bx}" y1="${TOP - 6}" y2="${lanesBottom}"/><text class="barge-label" x="${bx}" y="${TOP - 10}" text-anchor="middle">barge-in (${escapeHtml(turnLabel(t.turn, t.name))})</text>`,
    );
  }
  out.push('</svg>');
  return {
    session: records[0]?.s ?? '',
    caption: [meta?.scenario, meta?.model, meta?.target].filter(Boolean).join(' · '),
    bargeIn: turns.some((t) => t.barge_in),
    svg: out.join(''),
    turnsDrawn: turns.length,
    turnsTotal,
  };
}

function speechSpans(turns: TraceTurn[], input: InputTimeline): Span[] {
  const spans: Span[] = [];
  for (const t of turns) {
    for (const seg of t.speech) {
      const from = input.wallTimeOf(seg.start_ms);
      const to = input.wallTimeOf(seg.end_ms);
      if (from === null || to === null) continue;
      const label = turnLabel(t.turn, t.name);
      spans.push({
        from,
        to,
        label,
        color: t.barge_in ? TIMELINE_COLORS.bargeIn : TIMELINE_COLORS.speech,
        title: `${label}${t.barge_in ? ' (barge-in)' : ''}: speech ${seg.start_ms}–${seg.end_ms} ms of input (${t.fixture})`,
      });
    }
  }
  return spans;
}

function vadSpans(recv: TraceRecv[]): Span[] {
  const spans: Span[] = [];
  let open: TraceRecv | null = null;
  const end = recv.length ? recv[recv.length - 1].t : 0;
  for (const r of recv) {
    if (r.type === 'input_audio_buffer.speech_started') open = r;
    else if (r.type === 'input_audio_buffer.speech_stopped') {
      const from = open?.t ?? r.t;
      spans.push({
        from,
        to: r.t,
        label: 'speech',
        color: TIMELINE_COLORS.vad,
        title: `speech_started${open ? ` (audio_start_ms ${String(open.event.audio_start_ms)})` : ' (not seen)'} → speech_stopped (audio_end_ms ${String(r.event.audio_end_ms)}), ${fmtMs(r.t - from)}`,
      });
      open = null;
    }
  }
  if (open) spans.push({ from: open.t, to: end, label: 'speech', color: TIMELINE_COLORS.vad, title: 'speech_started, never stopped' });
  return spans;
}

function latencySpans(records: readonly TraceRecord[], turns: TraceTurn[], input: InputTimeline): Span[] {
  const metrics = computeTurnMetrics([...records]);
  const byIndex = new Map(turns.map((t) => [t.turn, t]));
  const spans: Span[] = [];
  for (const m of metrics) {
    const turn = byIndex.get(m.turn);
    const fa = m.metrics.first_audio_ms;
    if (!turn?.speech.length || typeof fa !== 'number') continue;
    const endWall = input.wallTimeOf(turn.speech[turn.speech.length - 1].end_ms);
    if (endWall === null) continue;
    spans.push({
      from: endWall,
      to: endWall + fa,
      label: `first audio ${fmtMs(fa)}`,
      color: TIMELINE_COLORS.latency,
      title: `${turnLabel(m.turn, turn.name)}: first_audio_ms ${fmtMs(fa)} (true end of speech → first audio delta)`,
    });
  }
  return spans;
}

function responseSpans(recv: TraceRecv[]): Span[] {
  const byId = new Map<string, { first: number; last: number; bytes: number; status: string | null }>();
  for (const r of recv) {
    if (r.type === 'response.output_audio.delta') {
      const id = String(r.event.response_id);
      const e = byId.get(id) ?? { first: r.t, last: r.t, bytes: 0, status: null };
      e.last = r.t;
      e.bytes += typeof r.event.audio_bytes === 'number' ? r.event.audio_bytes : 0;
      byId.set(id, e);
    } else if (r.type === 'response.done') {
      const resp = r.event.response as { id?: string; status?: string } | undefined;
      const e = resp?.id ? byId.get(resp.id) : undefined;
      if (e) e.status = resp?.status ?? null;
    }
  }
  return [...byId].map(([id, e]) => {
    const color =
      e.status === 'completed'
        ? TIMELINE_COLORS.completed
        : e.status === 'cancelled'
          ? TIMELINE_COLORS.cancelled
          : e.status === 'failed'
            ? TIMELINE_COLORS.failed
            : TIMELINE_COLORS.other;
    return {
      from: e.first,
      to: e.last,
      label: e.status ?? 'audio',
      color,
      title: `${id}: audio deltas ${fmtMs(e.last - e.first)} apart, ${e.bytes} bytes, status ${e.status ?? 'unknown'}`,
    };
  });
}

function playbackSpans(plays: TracePlayback[]): Span[] {
  const spans: Span[] = [];
  const started = new Map<string, TracePlayback>();
  for (const p of plays) {
    if (p.ev === 'start') started.set(p.item_id, p);
    else {
      const s = started.get(p.item_id);
      if (!s) continue;
      started.delete(p.item_id);
      const cut = p.ev === 'stop';
      spans.push({
        from: s.t,
        to: p.t,
        label: cut ? `cut at ${fmtMs(p.played_ms)}` : 'played',
        color: TIMELINE_COLORS.playback,
        cls: cut ? 'cut' : '',
        title: `${p.item_id}: ${cut ? 'stopped by barge-in' : 'played to the end'} after ${fmtMs(p.played_ms)}`,
      });
    }
  }
  return spans;
}
