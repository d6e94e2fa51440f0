/**
 * Fault injection on the virtual clock: each fault's effect at its exact time, seeded selection.
 */
import { describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../src/mock/index.js';
import { MockRealtime } from '../../src/mock/index.js';
import { VirtualClock } from '../../src/clock/virtual.js';
import { toneSpeech, VirtualRig } from './helpers.js';

async function turnWith(faults: FaultSpec[], viaDirectives = false) {
  const rig = new VirtualRig({
    mock: { firstAudioMs: 300, jitterMs: 0, profile: 'slow', ...(viaDirectives ? {} : { faults }) },
    directives: viaDirectives ? { faults: faults as unknown as Array<Record<string, unknown>> } : undefined,
  });
  rig.streamAudio(toneSpeech(800, 1000, 24000, 300), { startMs: 0 });
  return rig;
}

describe('faults', () => {
  it('drop: the connection goes away mid-response (1006), no response.done', async () => {
    const rig = await turnWith([{ kind: 'drop', afterMs: 200 }]);
    await rig.run(rig.waitForType('response.output_audio.delta'));
    const first = rig.of('response.output_audio.delta')[0].t;
    await rig.advance(5000);
    expect(rig.closed?.code).toBe(1006);
    expect(rig.of('response.done')).toHaveLength(0);
    expect(Math.max(...rig.received.map((r) => r.t))).toBeLessThanOrEqual(first + 200);
    expect(rig.mock.stats().perSession[0]).toMatchObject({ state: 'closed', faults: ['drop@r0+200ms'] });
  });

  it('stall: nothing is sent for durationMs, then the held frames arrive in order', async () => {
    const rig = await turnWith([{ kind: 'stall', afterMs: 100, durationMs: 1500 }], true);
    await rig.run(rig.waitForType('response.done'));
    const deltas = rig.of('response.output_audio.delta');
    const first = deltas[0].t;
    const gaps = deltas.slice(1).map((r, i) => r.t - deltas[i].t);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(1400);
    expect(rig.received.some((r) => r.t > first + 100 && r.t < first + 1600)).toBe(false);
    expect(rig.received.filter((r) => r.t === first + 1600).length).toBeGreaterThan(1);
  });

  it('error: a server_error event, and the response ends failed', async () => {
    const rig = await turnWith([{ kind: 'error', afterMs: 50, code: 'boom', message: 'simulated' }]);
    await rig.run(rig.waitForType('response.done'));
    expect(rig.last('error')!.event.error).toMatchObject({ type: 'server_error', code: 'boom', message: 'simulated' });
    expect(rig.last('response.done')!.event.response).toMatchObject({ status: 'failed', status_details: { type: 'failed', error: { code: 'boom' } } });
  });

  it('malformed: one frame that is not JSON; the session goes on', async () => {
    const rig = await turnWith([{ kind: 'malformed', afterMs: 10 }]);
    await rig.run(rig.waitForType('response.done'));
    expect(rig.received.filter((r) => r.event.type === '$unknown')).toHaveLength(1);
    expect(rig.last('response.done')!.event.response).toMatchObject({ status: 'completed' });
  });

  it('slow_reader: every client frame is handled durationMs after the previous one', async () => {
    const rig = new VirtualRig({ mock: { faults: [{ kind: 'slow_reader', durationMs: 40 }] } });
    rig.send({ type: 'session.update', session: { instructions: 'a' } });
    rig.send({ type: 'session.update', session: { instructions: 'b' } });
    await rig.run(rig.waitForType('session.updated', 2));
    expect(rig.of('session.updated').map((r) => r.t)).toEqual([40, 80]);
  });

  it('rate_limits: the reported remaining tokens; 0 fails the response with rate_limit_exceeded', async () => {
    const rig = await turnWith([{ kind: 'rate_limits', remaining: 0 }]);
    await rig.run(rig.waitForType('rate_limits.updated'));
    expect(rig.last('response.done')!.event.response).toMatchObject({ status: 'failed', status_details: { error: { code: 'rate_limit_exceeded' } } });
    expect(rig.of('response.output_audio.delta')).toHaveLength(0);
    const limits = rig.last('rate_limits.updated')!.event.rate_limits as Array<{ name: string; remaining: number }>;
    expect(limits.find((l) => l.name === 'tokens')!.remaining).toBe(0);
  });

  it('reject in-process: closed with 1008 and the HTTP status', async () => {
    const rig = new VirtualRig({ mock: { faults: [{ kind: 'reject', status: 503 }] } });
    await rig.advance(5);
    expect(rig.closed).toEqual({ code: 1008, reason: 'HTTP 503' });
    expect(rig.mock.stats().rejected).toBe(1);
  });

  it('selection: `sessions` picks sessions by index; probability draws are seeded', async () => {
    const clock = new VirtualClock();
    const pick = (seed: number) => {
      const engine = new MockRealtime({
        clock,
        seed,
        faults: [
          { kind: 'stall', probability: 0.5 },
          { kind: 'error', sessions: [1] },
        ],
      });
      for (let i = 0; i < 12; i++) new VirtualRig({ engine, clock });
      return engine.stats().perSession.map((s) => s.faults.join('+'));
    };
    const a = pick(3);
    expect(pick(3)).toEqual(a);
    expect(a[1]).toContain('error');
    expect(a.filter((f, i) => i !== 1 && f.includes('error'))).toHaveLength(0);
    const stalled = a.filter((f) => f.includes('stall')).length;
    expect(stalled).toBeGreaterThan(1);
    expect(stalled).toBeLessThan(11);
  });
});
