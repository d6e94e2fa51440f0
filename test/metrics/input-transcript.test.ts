import { describe, expect, it } from 'vitest';
import { computeTurnMetrics } from '../../src/metrics/turns.js';
import type { TraceRecord } from '../../src/metrics/trace.js';

const S = 's1';
const T0 = 1000;
const wall = (pos: number) => T0 + pos;

function chunks(totalMs: number): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (let pos = 0, seq = 0; pos < totalMs; pos += 20, seq++) {
    out.push({ k: 'chunk', s: S, t: T0 + pos + 20, due: T0 + pos + 20, seq, pos_ms: pos, end_ms: pos + 20, bytes: 960, turn: 0 });
  }
  return out;
}
const recv = (t: number, type: string, event: Record<string, unknown> = {}): TraceRecord => ({ k: 'recv', s: S, t, type, event });
const turn = (i: number, posMs: number): TraceRecord => ({
  k: 'turn',
  s: S,
  t: wall(posMs),
  turn: i,
  fixture: `${i}.wav`,
  pos_ms: posMs,
  speech: [{ start_ms: posMs + 500, end_ms: posMs + 1500 }],
  trigger: 'start',
  barge_in: false,
  manual: false,
});
const completed = (t: number, itemId: string, transcript: string) =>
  recv(t, 'conversation.item.input_audio_transcription.completed', { item_id: itemId, content_index: 0, transcript });
/** A VAD detection of one user item, committed `atPos` ms into the input. */
const detected = (itemId: string, atPos: number): TraceRecord[] => [
  recv(wall(atPos) + 2, 'input_audio_buffer.speech_stopped', { audio_end_ms: atPos, item_id: itemId }),
  recv(wall(atPos) + 3, 'input_audio_buffer.committed', { item_id: itemId, previous_item_id: null }),
];

/**
 * Truth: turn 0 said "What is the weather" as two items (the VAD split it), turn 1 "in Paris", turn 2
 * was never transcribed. Every transcription arrives after the next turn began, in the reverse order
 * of the items, and a transcription of an item no turn committed (a client-created item) is ignored.
 */
describe("input_transcript: the transcription of the turn's own user items", () => {
  const trace: TraceRecord[] = [
    {
      k: 'meta',
      s: S,
      t: 0,
      scenario: 'x',
      target: 'mock',
      model: 'gpt-realtime',
      dialect: 'ga',
      url: '',
      input_format: 'pcm16',
      output_format: 'pcm16',
      chunk_ms: 20,
      session: {},
    },
    ...chunks(9000),
    turn(0, 0),
    turn(1, 3000),
    turn(2, 6000),
    ...detected('u0a', 1200),
    ...detected('u0b', 2000),
    ...detected('u1', 5000),
    ...detected('u2', 8000),
    recv(wall(5100), 'conversation.item.input_audio_transcription.delta', { item_id: 'u1', delta: 'in' }),
    completed(wall(5200), 'u1', 'in Paris'),
    completed(wall(5300), 'u0b', ' the weather '),
    completed(wall(5400), 'u0a', 'What is'),
    completed(wall(5500), 'x9', 'a client-created item'),
  ];
  const results = computeTurnMetrics(trace);

  it("matches by item id, not by arrival time, and joins a turn's items in commit order", () => {
    expect(results.map((r) => r.facts.input_transcript)).toEqual(['What is the weather', 'in Paris', null]);
  });

  it('is null without any transcription (no input_audio_transcription in the session)', () => {
    const none = computeTurnMetrics(trace.filter((r) => !(r.k === 'recv' && r.type.startsWith('conversation.item.input_audio_transcription'))));
    expect(none.map((r) => r.facts.input_transcript)).toEqual([null, null, null]);
  });
});
