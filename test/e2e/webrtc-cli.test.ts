/** `--transport` on the command line: what WebRTC cannot do fails closed (exit 2, one line, nothing run). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, rtbench, tmp } from './helpers.js';

beforeAll(requireBuild);

describe('rtbench run --transport', () => {
  it('refuses WebRTC on the virtual clock, with the beta dialect, in worker threads, and unknown transports (exit 2)', () => {
    for (const [args, message] of [
      [['--clock', 'virtual'], /--clock virtual works only over WebSocket/],
      [['--dialect', 'beta'], /GA dialect only/],
      // libwebrtc aborts V8 when a second thread of the process loads it.
      [['--workers', '2'], /--workers > 1 does not work with WebRTC/],
    ] as const) {
      const out = join(tmp(), 'run');
      const r = rtbench(['run', '--audio', 'fixtures/what-time.wav', '--transport', 'webrtc', ...args, '--out', out, '--quiet']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(join(out, 'results.json'))).toBe(false);
    }
    const bad = rtbench(['run', '--audio', 'fixtures/what-time.wav', '--transport', 'carrier-pigeon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Choices: "ws", "webrtc"/);
  });
});
