import type { ResponseUsage } from '../protocol/events.js';
import { readServerEvent } from '../protocol/server-events.js';
import { FirstAtOrAfter, groupBy } from './time-index.js';
import type { TracePlayback, TraceRecv } from './trace.js';

/** One server response as the trace shows it. */
export interface ResponseInfo {
  id: string;
  createdT: number;
  firstAudioT: number | null;
  doneT: number | null;
  status: string | null;
  audioBytes: number;
  deltas: Array<{ t: number; bytes: number }>;
  itemId: string | null;
  transcript: string;
  text: string;
  calls: TraceRecv[];
  usage: ResponseUsage | null;
  /** When the client stopped this response's playback (the user spoke over it), if it did. */
  stoppedT: number | null;
}

/** Every response of a trace, in order of first appearance. */
export function indexResponses(recv: TraceRecv[]): ResponseInfo[] {
  const byId = new Map<string, ResponseInfo>();
  const list: ResponseInfo[] = [];
  const get = (id: string, t: number): ResponseInfo => {
    let r = byId.get(id);
    if (!r) {
      r = {
        id,
        createdT: t,
        firstAudioT: null,
        doneT: null,
        status: null,
        audioBytes: 0,
        deltas: [],
        itemId: null,
        transcript: '',
        text: '',
        calls: [],
        usage: null,
        stoppedT: null,
      };
      byId.set(id, r);
      list.push(r);
    }
    return r;
  };
  for (const e of recv) {
    const ev = readServerEvent({ ...e.event, type: e.type });
    switch (ev.kind) {
      case 'response_created':
        get(ev.responseId, e.t);
        break;
      case 'audio_delta': {
        const r = get(ev.responseId, e.t);
        if (r.firstAudioT === null) r.firstAudioT = e.t;
        r.itemId ??= ev.itemId;
        r.audioBytes += ev.bytes;
        r.deltas.push({ t: e.t, bytes: ev.bytes });
        break;
      }
      case 'function_call_done':
        get(ev.responseId, e.t).calls.push(e);
        break;
      case 'response_done': {
        const r = get(ev.responseId, e.t);
        r.doneT = e.t;
        r.status = ev.status;
        r.usage = (e.event.response as { usage?: ResponseUsage } | undefined)?.usage ?? null;
        break;
      }
      case 'other':
        // Transcript and text deltas: read as text, whatever else they carry.
        if (e.type === 'response.output_audio_transcript.delta') get(String(e.event.response_id), e.t).transcript += String(e.event.delta ?? '');
        else if (e.type === 'response.output_text.delta') get(String(e.event.response_id), e.t).text += String(e.event.delta ?? '');
        break;
      default:
        break;
    }
  }
  return list;
}

/**
 * Whether the response was withdrawn before `untilT` (while its turn was current): it ended
 * cancelled or incomplete, or the user went on speaking over it (the client stopped its playback,
 * `stoppedT`) — a response the service finished generating but the user talked over is not the answer.
 */
export function withdrawnBefore(r: ResponseInfo, untilT: number): boolean {
  if ((r.status === 'cancelled' || r.status === 'incomplete') && r.doneT !== null && r.doneT < untilT) return true;
  return r.stoppedT !== null && r.stoppedT < untilT;
}

/** Marks each response whose item's playback the client stopped (a `play` `stop` record). */
export function markStops(responses: ResponseInfo[], plays: TracePlayback[]): void {
  const stops = groupBy(
    plays.filter((p) => p.ev === 'stop'),
    (p) => p.item_id,
  );
  const firstStop = new Map([...stops].map(([item, ps]) => [item, new FirstAtOrAfter(ps, (p) => p.t)]));
  for (const r of responses) {
    if (r.firstAudioT === null || r.itemId === null) continue;
    const stop = firstStop.get(r.itemId)?.find(r.firstAudioT);
    r.stoppedT = stop ? stop.t : null;
  }
}
