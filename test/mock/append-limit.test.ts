/**
 * Append size limits on a real socket (SDK doc: an append may carry "up to a maximum of 15 MiB"):
 * a 15 MiB append is accepted and counted; a frame above the default frame limit closes with 1009.
 */
import { afterEach, expect, it } from 'vitest';
import { RealClock } from '../../src/clock/real.js';
import { DEFAULT_MAX_PAYLOAD, startMockServer, type MockServer } from '../../src/mock/index.js';
import { WsRig } from './helpers.js';

let server: MockServer | undefined;
let rig: WsRig | undefined;
afterEach(async () => {
  rig?.ws.terminate();
  await server?.close();
});

const MIB = 1024 * 1024;

it('a 15 MiB append is accepted; a frame over the limit closes the socket with 1009', async () => {
  server = await startMockServer({ port: 0 });
  rig = await WsRig.connect(server.url, new RealClock());
  rig.send({ type: 'session.update', session: { turn_detection: null } });
  await rig.waitFor((r) => r.event.type === 'session.updated');
  // 15 MiB of base64 (silence): 11 796 480 bytes of PCM16 = 245 760 ms at 24 kHz.
  const audio = 'A'.repeat(15 * MIB);
  rig.ws.send(`{"type":"input_audio_buffer.append","event_id":"big","audio":"${audio}"}`);
  rig.send({ type: 'input_audio_buffer.commit', event_id: 'commit' });
  const committed = await rig.waitFor((r) => r.event.type === 'input_audio_buffer.committed' || r.event.type === 'error');
  expect(committed.event.type).toBe('input_audio_buffer.committed');
  expect(server.stats().audioReceivedMs).toBe(245_760);
  const tooBig = 'A'.repeat(DEFAULT_MAX_PAYLOAD);
  rig.ws.send(`{"type":"input_audio_buffer.append","audio":"${tooBig}"}`);
  await new Promise<void>((resolve) => rig!.ws.once('close', () => resolve()));
  expect(rig.closed?.code).toBe(1009);
});
