/**
 * The mock's WebRTC input timeline is the caller's samples: audio the jitter buffer invented
 * (concealment, stretching) is taken back out, squeezed audio is padded back, and Opus's 6.5 ms
 * look-ahead is dropped once. Truth: a peer whose receive statistics say exactly how much was
 * invented, and a count of the samples that come out.
 */
import { describe, expect, it } from 'vitest';
import { InputClock } from '../../src/mock/webrtc/input-clock.js';
import type { RtcPeer } from '../../src/transport/webrtc-lib.js';

function peer(stats: { concealedSamples: number; insertedSamplesForDeceleration: number; removedSamplesForAcceleration: number }): RtcPeer {
  return {
    getStats: async () => ({ forEach: (fn: (r: Record<string, unknown>) => void) => fn({ type: 'inbound-rtp', kind: 'audio', ...stats }) }),
  } as unknown as RtcPeer;
}
const settle = () => new Promise((r) => setTimeout(r, 0));
const frame = () => new Int16Array(240).fill(100); // 10 ms at 24 kHz

async function feed(clock: InputClock, ticks: number): Promise<number> {
  let out = 0;
  for (let i = 0; i < ticks; i++) {
    clock.tick();
    await settle();
    out += clock.correct(frame()).length;
  }
  return out;
}

describe('InputClock: the WebRTC input timeline counts the caller’s samples only', () => {
  it('drops the look-ahead once and as many samples as the jitter buffer invented after the start', async () => {
    const stats = { concealedSamples: 960, insertedSamplesForDeceleration: 0, removedSamplesForAcceleration: 0 };
    const clock = new InputClock(peer(stats));
    clock.start();
    await settle();
    expect(await feed(clock, 5)).toBe(5 * 240 - 156); // only the look-ahead: the baseline's 960 are not the caller's timeline
    stats.concealedSamples += 1920; // 40 ms invented at 48 kHz = 960 samples at 24 kHz
    stats.insertedSamplesForDeceleration += 480; // 10 ms stretched = 240 samples at 24 kHz
    expect(await feed(clock, 20)).toBe(20 * 240 - 960 - 240);
  });

  it('pads silence back for audio the jitter buffer squeezed out, and changes nothing when it invented nothing', async () => {
    const stats = { concealedSamples: 0, insertedSamplesForDeceleration: 0, removedSamplesForAcceleration: 0 };
    const clock = new InputClock(peer(stats));
    clock.start();
    await settle();
    await feed(clock, 1);
    expect(await feed(clock, 20)).toBe(20 * 240);
    stats.removedSamplesForAcceleration += 960; // 20 ms squeezed out
    expect(await feed(clock, 10)).toBe(10 * 240 + 480);
  });
});
