import { describe, expect, it } from 'vitest';
import { Microphone } from '../../src/runner/mic.js';
import { TurnScheduler } from '../../src/runner/scheduler.js';
import type { TurnStart } from '../../src/scenario/types.js';

const start: TurnStart = { after: 'start', gap_ms: 0 };
const done = (gap_ms: number): TurnStart => ({ after: 'response_done', gap_ms });

describe('TurnScheduler: the one owner of when the next turn starts', () => {
  it('first turn: gap after streaming starts; handed out once, by the chunk whose capture covers it', () => {
    const s = new TurnScheduler([{ after: 'start', gap_ms: 250 }], [0]);
    s.streamingStarted(1000);
    expect(s.take(1240)).toBeNull();
    expect(s.take(1260)).toMatchObject({ turn: 0, onsetT: 1250, audioT: 1250, anchor: 'audio' });
    expect(s.take(5000)).toBeNull();
    expect(s.exhausted).toBe(true);
  });

  it('played_out (the default): the gap counts from when the answer was heard, not from response.done', () => {
    const s = new TurnScheduler([start, { after: 'played_out', gap_ms: 500 }], [0, 300]);
    s.streamingStarted(0);
    s.take(20);
    s.turnCompleted(0, 4000); // response.done: the answer still plays
    expect(s.pending).toBeNull();
    expect(s.take(10_000)).toBeNull();
    s.answerHeard(0, 6500); // the player will have played it out at 6500
    expect(s.take(6990)).toBeNull();
    expect(s.take(7010)).toMatchObject({ turn: 1, audioT: 7000, referenceT: 6500, offsetMs: 500, anchor: 'audio' });
  });

  it('response_done (start: after_response_done): ignores when the answer is heard', () => {
    const s = new TurnScheduler([start, done(500)], [0, 300]);
    s.streamingStarted(0);
    s.take(20);
    s.answerHeard(0, 6500);
    expect(s.pending).toBeNull();
    s.turnCompleted(0, 4000);
    expect(s.pending).toMatchObject({ turn: 1, audioT: 4500 });
  });

  it('response_done: the gap counts from the completion of the previous turn', () => {
    const s = new TurnScheduler([start, done(500)], [0, 300]);
    s.streamingStarted(0);
    s.take(20);
    s.turnCompleted(0, 4000);
    expect(s.take(5000)).toMatchObject({ turn: 1, audioT: 4500, referenceT: 4000, offsetMs: 500 });
  });

  it('first_audio: the onset (not the audio start) lands offset after the first audio; audio starts onsetMs earlier', () => {
    const s = new TurnScheduler([start, { after: 'first_audio', offset_ms: 600 }], [0, 350]);
    s.streamingStarted(0);
    s.take(20);
    s.answerAudio(0, 'r1', 3000);
    s.answerAudio(0, 'r1', 3100); // later deltas do not move it
    expect(s.pending).toMatchObject({ turn: 1, onsetT: 3600, audioT: 3250, anchor: 'onset', referenceT: 3000, offsetMs: 600 });
  });

  it('a withdrawn candidate answer (cancelled, talked over) disarms the barge-in; the real answer re-arms it', () => {
    const s = new TurnScheduler([start, { after: 'first_audio', offset_ms: 100 }], [0, 0]);
    s.streamingStarted(0);
    s.take(20);
    s.answerAudio(0, 'premature', 1000);
    s.answerWithdrawn(0, 'other');
    expect(s.pending?.referenceT).toBe(1000);
    s.answerWithdrawn(0, 'premature');
    expect(s.pending).toBeNull();
    s.answerAudio(0, 'answer', 2500);
    expect(s.take(3000)).toMatchObject({ onsetT: 2600, referenceT: 2500 });
  });

  it('played: known exactly once the player holds enough audio (it plays in real time while buffered)', () => {
    const s = new TurnScheduler([start, { after: 'played', played_ms: 500 }], [0, 200]);
    s.streamingStarted(0);
    s.take(20);
    s.answerPlayback(0, 'r', 1000, 0, 200); // not enough audio yet
    expect(s.pending).toBeNull();
    s.answerPlayback(0, 'r', 1100, 100, 600); // 100 played, 600 held: 500 played at 1500
    expect(s.pending).toMatchObject({ onsetT: 1500, referenceT: 1500, offsetMs: 0, audioT: 1300 });
  });

  it('a barge-in whose trigger never came starts when the previous turn completes', () => {
    const s = new TurnScheduler([start, { after: 'played', played_ms: 5000 }], [0, 0]);
    s.streamingStarted(0);
    s.take(20);
    s.turnCompleted(0, 7000);
    expect(s.take(7020)).toMatchObject({ turn: 1, audioT: 7000 });
  });
});

describe('Microphone: a clip placed at any sample, cutting what plays', () => {
  const clip = (turn: number, audio: number[], tail: number[], skipBytes = 0) => ({
    turn,
    audio: Uint8Array.from(audio),
    tail: Uint8Array.from(tail),
    skipBytes,
  });

  it('silence until the clip, then audio, then tail, with events at the exact bytes', () => {
    const mic = new Microphone('g711_ulaw'); // 1 byte per sample, silence 0xFF
    mic.play(clip(0, [1, 2, 3], [9, 9]), 2);
    const a = mic.capture(4);
    expect(Array.from(a.bytes)).toEqual([0xff, 0xff, 1, 2]);
    expect(a.turn).toBe(0);
    const b = mic.capture(4);
    expect(Array.from(b.bytes)).toEqual([3, 9, 9, 0xff]);
    expect(b.events).toEqual([
      { kind: 'audio_end', turn: 0, atByte: 5 },
      { kind: 'tail_end', turn: 0, atByte: 7 },
    ]);
    expect(b.turn).toBe(-1);
  });

  it('a barge-in cuts the previous clip mid-chunk and skips its own leading bytes', () => {
    const mic = new Microphone('g711_ulaw');
    mic.play(clip(0, [1, 1], [7, 7, 7, 7, 7, 7]), 0);
    mic.capture(3);
    mic.play(clip(1, [0, 0, 5, 6], [], 2), 4);
    const c = mic.capture(4);
    expect(Array.from(c.bytes)).toEqual([7, 5, 6, 0xff]);
    expect(c.events[0]).toEqual({ kind: 'cut', turn: 0, atByte: 4 });
  });

  it('PCM16 positions are sample-aligned', () => {
    const mic = new Microphone('pcm16');
    expect(mic.alignToSample(7)).toBe(6);
  });
});
