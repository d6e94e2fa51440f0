/**
 * The floor: what this machine allows any Node client under the traffic of `rtbench run
 * --concurrency N --audio clip.wav` (default mock), with no rtbench code at all. N bare `ws` clients
 * pace 20 ms PCM16 chunks (24 kHz) exactly like rtbench — never early, each on its own phase of the
 * 20 ms grid, all starting together — against a bare `ws` server in a worker thread that answers like
 * the default mock: 300 ms after every 2.4 s of input, a 4 s answer as forty 100 ms deltas at five
 * times real time. The clients do nothing with what they receive; the server only parses what it
 * gets. Run with `answers: false`, the server never answers (the send path alone).
 *
 * Run as its own process (`node dist/bench/floor.js N answers|silent durationMs`); prints one JSON line.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import WebSocket, { WebSocketServer } from 'ws';

export interface FloorResult {
  sessions: number;
  answers: boolean;
  chunks: number;
  lag_p50_ms: number;
  lag_p99_ms: number;
  lag_max_ms: number;
  cpu_pct: number;
}

const CHUNK_MS = 20;
const CHUNK_BYTES = 960;
const ANSWER_EVERY_CHUNKS = 120;
const ANSWER_DELTAS = 40;
const DELTA_BYTES = 4800;

function serve(answers: boolean): void {
  const server = createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  const delta = Buffer.alloc(DELTA_BYTES, 3).toString('base64');
  let events = 0;
  wss.on('connection', (ws) => {
    let received = 0;
    ws.on('message', (data) => {
      JSON.parse(String(data));
      received++;
      if (!answers || received % ANSWER_EVERY_CHUNKS !== 0) return;
      for (let i = 0; i < ANSWER_DELTAS; i++) {
        setTimeout(
          () => {
            if (ws.readyState !== WebSocket.OPEN) return;
            ws.send(
              JSON.stringify({
                type: 'response.output_audio.delta',
                event_id: `event_${events++}`,
                response_id: 'resp_1',
                item_id: 'item_1',
                output_index: 0,
                content_index: 0,
                delta,
              }),
            );
          },
          300 + (i * 100) / 5,
        );
      }
    });
  });
  server.listen(0, '127.0.0.1', () => parentPort!.postMessage((server.address() as { port: number }).port));
}

async function drive(sessions: number, answers: boolean, durationMs: number): Promise<FloorResult> {
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { answers } });
  const port = await new Promise<number>((r) => worker.once('message', r));
  const sockets: WebSocket[] = [];
  for (let i = 0; i < sessions; i++) {
    sockets.push(
      await new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/v1`, { perMessageDeflate: false });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
        ws.on('message', () => undefined);
      }),
    );
  }
  const pcm = Buffer.alloc(CHUNK_BYTES, 7);
  const t0 = performance.now() + 50;
  const cpu0 = process.cpuUsage();
  const lags: number[] = [];
  await Promise.all(
    sockets.map(
      (ws, i) =>
        new Promise<void>((done) => {
          let k = 0;
          const phase = (i * CHUNK_MS) / sessions;
          const due = () => t0 + phase + CHUNK_MS * (k + 1);
          const tick = () => {
            const now = performance.now();
            if (now < due()) return void setTimeout(tick, 1);
            ws.send('{"type":"input_audio_buffer.append","audio":"' + pcm.toString('base64') + '"}');
            lags.push(performance.now() - due());
            k++;
            if (CHUNK_MS * k >= durationMs) return done();
            setTimeout(tick, Math.max(0, due() - performance.now()));
          };
          setTimeout(tick, Math.max(0, due() - performance.now()));
        }),
    ),
  );
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  for (const ws of sockets) ws.terminate();
  await worker.terminate();
  lags.sort((a, b) => a - b);
  const at = (q: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor(lags.length * q))] * 100) / 100;
  return {
    sessions,
    answers,
    chunks: lags.length,
    lag_p50_ms: at(0.5),
    lag_p99_ms: at(0.99),
    lag_max_ms: at(1),
    cpu_pct: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10,
  };
}

if (!isMainThread) serve((workerData as { answers: boolean }).answers);
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [n, mode, duration] = process.argv.slice(2);
  void drive(Number(n), mode !== 'silent', Number(duration)).then((r) => {
    process.stdout.write(JSON.stringify(r) + '\n');
    process.exit(0);
  });
}
