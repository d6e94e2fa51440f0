import { createServer } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { RealClock } from '../../src/clock/real.js';
import { VirtualClock } from '../../src/clock/virtual.js';
import { closeMockLink, mockFramesReceived, openMockLink } from '../../src/app/connect.js';
import { startMockServerInWorker } from '../../src/mock/hosting/worker-server.js';
import { isRtbenchMock } from '../../src/runner/mock-probe.js';
import { quietRun } from '../perf/helpers.js';

const TOOL = 'test/e2e/scenarios/tool.yaml';

/**
 * Truth: the `tool:` turn of tool.yaml is answered with a function call only when its directives
 * (the `x-rtbench-mock` header) reach the mock; without them the mock answers with audio
 * ("expected response = function_call, got audio").
 */
describe('the bundled mock off the harness event loop, directives over the wire', () => {
  afterEach(() => vi.restoreAllMocks());

  it('real clock: the mock runs in a worker thread; virtual clock: in-process', async () => {
    const real = await openMockLink({ needsMock: true, virtual: false, clock: new RealClock(), seed: 1 });
    const virtual = await openMockLink({ needsMock: true, virtual: true, clock: new VirtualClock(), seed: 1 });
    try {
      expect(real.kind).toBe('worker');
      expect(virtual.kind).toBe('in-process');
      expect(await mockFramesReceived(real)).toBe(0);
    } finally {
      await closeMockLink(real);
      await closeMockLink(virtual);
    }
  });

  it('a tool: scenario passes against the worker mock (default real-clock run)', async () => {
    const run = await quietRun({ paths: [TOOL] });
    expect(run.results.samples).toHaveLength(1);
    expect(run.results.samples[0].facts?.response).toBe('function_call');
    expect(run.exitCode).toBe(0);
  });

  it('a tool: scenario passes against a standalone mock given as a ws:// target (it advertises itself)', async () => {
    const mock = await startMockServerInWorker({ seed: 3 });
    try {
      expect(await isRtbenchMock(mock.url)).toBe(true);
      const run = await quietRun({ paths: [TOOL], targets: [mock.url] });
      expect(run.results.samples[0].facts?.response).toBe('function_call');
      expect(run.exitCode).toBe(0);
      expect((await mock.stats()).sessions).toBe(1);
    } finally {
      await mock.close();
    }
  });

  it('a server that does not advertise itself never gets the directives header', async () => {
    const headers: Array<Record<string, unknown>> = [];
    const http = createServer((_req, res) => res.writeHead(404).end());
    const wss = new WebSocketServer({ server: http });
    wss.on('connection', (ws, req) => {
      headers.push(req.headers);
      setTimeout(() => ws.close(1000), 50);
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const port = (http.address() as { port: number }).port;
    try {
      const run = await quietRun({ paths: [TOOL], targets: [`ws://127.0.0.1:${port}/v1/realtime`], retries: 0 });
      expect(run.results.samples[0].ok).toBe(false);
      expect(headers.length).toBeGreaterThan(0);
      for (const h of headers) expect(h['x-rtbench-mock']).toBeUndefined();
    } finally {
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    }
  });

  it('paid services are never asked (no request leaves for them)', async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    expect(await isRtbenchMock('wss://api.openai.com/v1/realtime')).toBe(false);
    expect(await isRtbenchMock('wss://my-res.openai.azure.com/openai/realtime')).toBe(false);
    expect(spy).not.toHaveBeenCalled();
  });
});
