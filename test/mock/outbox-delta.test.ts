import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/virtual.js';
import { IdGenerator } from '../../src/mock/ids.js';
import type { MockSessionStats } from '../../src/mock/types.js';
import { Outbox } from '../../src/mock/session/outbox.js';
import { Prng } from '../../src/util/prng.js';
import { TimerGroup } from '../../src/mock/timer-group.js';
import { betaCodec, gaCodec } from '../../src/protocol/index.js';
import type { Transport } from '../../src/transport/transport.js';

/** A transport that records what was sent; `bytes: false` takes strings only. */
function recorder(bytes: boolean): Transport & { frames: string[]; asBytes: number } {
  const t = {
    frames: [] as string[],
    asBytes: 0,
    state: 'open' as const,
    bufferedAmount: 0,
    send: (f: string) => void t.frames.push(f),
    close: () => undefined,
    onMessage: () => undefined,
    onClose: () => undefined,
    ...(bytes
      ? {
          sendBytes: (f: Buffer) => {
            t.asBytes++;
            t.frames.push(f.toString('utf8'));
          },
        }
      : {}),
  };
  return t;
}

function outbox(codec: typeof gaCodec, transport: Transport) {
  const clock = new VirtualClock(0);
  const stats = { framesSent: 0, bytesSent: 0, errorsSent: 0 } as unknown as MockSessionStats;
  return { box: new Outbox(transport, codec, new IdGenerator(new Prng(7)), clock, new TimerGroup(clock), stats), stats };
}

describe('Outbox.sendAudioDelta', () => {
  const delta = Buffer.alloc(4801, 9).toString('base64');
  const event = { type: 'response.output_audio.delta', response_id: 'resp_1', item_id: 'item_1', output_index: 0, content_index: 0, delta } as const;

  it('sends byte for byte the frame send() would, in both dialects, and counts the same bytes', () => {
    for (const codec of [gaCodec, betaCodec]) {
      const viaBytes = recorder(true);
      const viaText = recorder(true);
      const a = outbox(codec, viaBytes);
      const b = outbox(codec, viaText);
      expect(a.box.sendAudioDelta({ ...event })).toBe(b.box.send({ ...event }));
      expect(viaBytes.asBytes).toBe(1);
      expect(viaBytes.frames).toEqual(viaText.frames);
      expect(JSON.parse(viaBytes.frames[0]).delta).toBe(delta);
      expect(a.stats.bytesSent).toBe(b.stats.bytesSent);
    }
  });

  it('falls back to text on a transport without sendBytes', () => {
    const t = recorder(false);
    outbox(gaCodec, t).box.sendAudioDelta({ ...event });
    expect(t.frames).toHaveLength(1);
    expect(JSON.parse(t.frames[0])).toMatchObject({ type: 'response.output_audio.delta', delta });
  });
});
