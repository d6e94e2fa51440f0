/**
 * No key ever leaks. A sentinel key is used for real (the mock requires it; it travels in the
 * Authorization header), servers echo it back in every place they can (refusal bodies, error
 * events, close reasons, subprotocol strings), and then every file of the run folder and all of
 * stdout/stderr are searched for it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { BIN, cli, filesUnder, readJson, tmp, toneWav } from './helpers.js';

const SENTINEL = 'sk-test-SENTINEL-9f8e7d6c5b4a39281706';
const MARK = 'SENTINEL-9f8e7d6c5b4a';
const ALL_REPORTERS = 'table,json,md,html,csv,junit';

let mock: MockServer;
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it)`);
  mock = await startMockServer({ apiKey: SENTINEL, firstAudioMs: 100, jitterMs: 0, pingIntervalMs: 0 });
});
afterAll(() => mock.close());

function run(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

function expectNoSentinel(dir: string, ...outputs: string[]) {
  const files = filesUnder(dir);
  expect(files.length).toBeGreaterThan(3);
  for (const f of files) expect(readFileSync(f, 'utf8').includes(MARK), f).toBe(false);
  for (const o of outputs) expect(o.includes(MARK)).toBe(false);
}

describe('secrets', () => {
  it('a run that uses the key (mock requires it) with every reporter: no trace of it in the folder or the output', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    // The mock lives in this process: spawn asynchronously so it keeps serving.
    const r = await run([BIN, 'run', '--audio', toneWav(dir), '--target', mock.url, '--repeat', '2', '--out', out, '--reporter', ALL_REPORTERS], {
      OPENAI_API_KEY: SENTINEL,
      NO_COLOR: '1',
    });
    expect(r.stderr).not.toMatch(/✗/);
    expect(r.status).toBe(0);
    // The key was really used: the mock admits only requests that carry it.
    expect(mock.stats().rejected).toBe(0);
    expect(mock.stats().sessions).toBeGreaterThanOrEqual(2);
    for (const f of ['results.json', 'samples.jsonl', 'traces.jsonl', 'run.json', 'report.md', 'report.html', 'results.csv', 'junit.xml'])
      expect(existsSync(join(out, f)), f).toBe(true);
    expectNoSentinel(out, r.stdout, r.stderr);
  });

  it('a wrong key refused by a server that quotes it back (401 body): the failure is recorded, redacted', async () => {
    const echo = createServer((_q, res) => res.end());
    echo.on('upgrade', (req, socket) => {
      const body = JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization}`, code: 'invalid_api_key' } });
      socket.end(`HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
    await new Promise<void>((res) => echo.listen(0, '127.0.0.1', res));
    try {
      const dir = tmp();
      const out = join(dir, 'out');
      const url = `ws://127.0.0.1:${(echo.address() as { port: number }).port}/v1/realtime`;
      const r = await cli(['run', '--audio', toneWav(dir), '--target', url, '--out', out, '--reporter', ALL_REPORTERS], { OPENAI_API_KEY: SENTINEL });
      expect(r.code).toBe(3);
      const [sample] = readJson(join(out, 'results.json')).samples;
      expect(sample.error).toMatch(/^connect failed: handshake rejected: HTTP 401 .*Incorrect API key provided: Bearer \*\*\*/);
      expect(r.stderr).toMatch(/✗ .*Incorrect API key provided: Bearer \*\*\*/);
      expectNoSentinel(out, r.stdout, r.stderr);
    } finally {
      echo.close();
    }
  });

  it('a server that echoes the key in error events, subprotocol strings and its close reason: traces are redacted', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    wss.on('connection', (ws, req) => {
      const key = String(req.headers.authorization).replace(/^Bearer /, '');
      ws.send(JSON.stringify({ type: 'session.created', event_id: 'e1', session: {} }));
      ws.send(
        JSON.stringify({
          type: 'error',
          event_id: 'e2',
          error: {
            type: 'invalid_request_error',
            code: 'bad_auth',
            message: `got Authorization: Bearer ${key}; api-key: ${key}; protocols realtime, openai-insecure-api-key.${key}`,
          },
        }),
      );
      ws.send(`not json ${key}`);
      setTimeout(() => ws.close(4001, `bad key ${key}`), 50);
    });
    try {
      const dir = tmp();
      const out = join(dir, 'out');
      const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/v1/realtime?api-key=${SENTINEL}`;
      const r = await cli(['run', '--audio', toneWav(dir), '--target', url, '--out', out, '--reporter', ALL_REPORTERS], { OPENAI_API_KEY: SENTINEL });
      expect(r.code).toBe(3);
      const traces = readFileSync(join(out, 'traces.jsonl'), 'utf8');
      expect(traces).toContain('openai-insecure-api-key.***');
      expect(traces).toContain('api-key=***');
      // The first thing that went wrong is the sample's reason; the close follows in the trace.
      expect(readJson(join(out, 'results.json')).samples[0].error).toBe('malformed server frame (invalid JSON): "not json ***"');
      expect(traces).toContain('connection closed by server (code 4001: bad key ***)');
      expectNoSentinel(out, r.stdout, r.stderr);
    } finally {
      for (const c of wss.clients) c.terminate();
      wss.close();
    }
  });

  it('bad-input messages that quote a URL with a key are redacted too', async () => {
    const r = await cli(['run', '--audio', '/nonexistent.wav', '--target', `wss://example.invalid/realtime?api-key=${SENTINEL}&x=${'%'}`], {
      OPENAI_API_KEY: SENTINEL,
    });
    expect(r.code).toBe(2);
    expect(r.stderr.includes(MARK)).toBe(false);
  });
});
