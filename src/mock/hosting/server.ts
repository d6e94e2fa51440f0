/**
 * The mock as a real WebSocket server (`rtbench mock`, real-time runs): http(s) server + `ws`
 * in noServer mode, so refusals (auth, faults, bad path) are real HTTP responses before the upgrade.
 */
import { warmUpOverSocket } from './socket-warm-up.js';
import { warmUpMock } from './warm-up.js';
import { createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { RealClock } from '../../clock/real.js';
import { VERSION } from '../../version.js';
import { DIRECTIVES_HEADER, DIRECTIVES_QUERY } from '../behaviour/directives.js';
import { MockRealtime } from '../session/engine.js';
import { refusal, type HandshakeRefusal } from '../behaviour/faults.js';
import { normalizeHeaders, selectSubprotocol } from './handshake.js';
import type { MockOptions, MockStats } from '../types.js';
import { makeSelfSignedCert } from './tls.js';
import { WebRtcCalls } from '../webrtc/webrtc-calls.js';
import { WsServerConnection } from './ws-connection.js';

export interface MockServer {
  /** e.g. `ws://127.0.0.1:43121/v1/realtime`, or `wss://…` with TLS. */
  url: string;
  port: number;
  /** The certificate (PEM) when serving TLS: trust it as a CA (`ca` option, NODE_EXTRA_CA_CERTS). */
  caPem?: string;
  stats(): MockStats;
  /** The engine behind the socket (its `stats()`, and the `script` it was given). */
  readonly engine: MockRealtime;
  close(): Promise<void>;
}

/**
 * Largest client frame: an append may carry up to 15 MiB of audio (the service's documented limit),
 * plus room for its JSON envelope. Bigger frames close the socket with 1009.
 */
export const DEFAULT_MAX_PAYLOAD = 15 * 1024 * 1024 + 64 * 1024;
/** Plain-HTTP path answering `GET` with {@link MockStats} as JSON. */
export const STATS_PATH = '/stats';
/**
 * Plain-HTTP path where the mock says what it is: a harness asks it before a run, and sends
 * scenario directives (the `x-rtbench-mock` header) only to a server that answers
 * {@link MockAdvert}, never to any other target.
 */
export const ADVERT_PATH = '/rtbench-mock';

/** What `GET /rtbench-mock` answers. */
export interface MockAdvert {
  server: 'rtbench-mock';
  version: string;
  directives: { header: typeof DIRECTIVES_HEADER; query: typeof DIRECTIVES_QUERY };
}

/** Paths accepted besides `opts.path`: OpenAI's and Azure's. */
const KNOWN_PATHS = ['/v1/realtime', '/openai/realtime', '/openai/v1/realtime'];

/**
 * Starts the mock on a real socket. Resolves once listening.
 * @throws {Error} on bad options (see MockRealtime), TLS failures (`MOCK_TLS_*`) or listen errors
 */

export async function startMockServer(opts: MockOptions = {}): Promise<MockServer> {
  const host = opts.host ?? '127.0.0.1';
  const path = opts.path ?? '/v1/realtime';
  const paths = new Set([path, ...KNOWN_PATHS]);
  const engine = new MockRealtime(opts);
  // Real time only: the first session must be timed like the rest (a virtual clock has no JIT lag to hide).
  const warmUp = (opts.warmUp ?? (opts.clock === undefined || opts.clock.kind === 'real')) && !opts.replay;
  if (warmUp) await warmUpMock(opts).catch(() => false);
  const tls = opts.tls === true ? await makeSelfSignedCert(host) : opts.tls || undefined;

  const webrtc = new WebRtcCalls({ engine, clock: opts.clock ?? new RealClock(), host, apiKey: opts.apiKey, log: opts.log ?? (() => undefined) });
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }) : createHttpServer();
  server.on('request', (req, res) => {
    // `GET /stats`: the engine's counters as JSON, so a harness in another process can check that
    // every frame it sent arrived (load runs against `rtbench mock`).
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === STATS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(engine.stats()));
      return;
    }
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === ADVERT_PATH) {
      const advert: MockAdvert = { server: 'rtbench-mock', version: VERSION, directives: { header: DIRECTIVES_HEADER, query: DIRECTIVES_QUERY } };
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(advert));
      return;
    }
    // WebRTC signalling (client secrets, SDP offer/answer) beside the WebSocket endpoint.
    if (webrtc.matches(req.method, req.url ?? '/')) {
      void webrtc.handle(req, res);
      return;
    }
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
    res.end('rtbench mock realtime server: connect with a WebSocket\n');
  });
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: opts.maxPayload ?? DEFAULT_MAX_PAYLOAD,
    handleProtocols: (protocols) => selectSubprotocol(protocols),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const request = { url: req.url ?? '/', headers: normalizeHeaders(req.headers) };
    const pathname = new URL(request.url, 'http://mock.invalid').pathname.replace(/\/+$/, '');
    if (!paths.has(pathname)) {
      engine.countRejected();
      writeRefusal(socket, refusal(404, { message: `No WebSocket endpoint at ${pathname}; use ${path}`, code: 'not_found' }));
      return;
    }
    const admission = engine.admit(request);
    if (!admission.ok) {
      writeRefusal(socket, admission.refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => engine.attach(new WsServerConnection(ws), request, admission.ticket));
  });

  const listen = (at: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const listeningPort = () => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  };
  // Over the socket too, unless a session of it would show (in recordings, or to a test's script).
  // On a port of its own, closed before the real one opens: no client can arrive during it (a fixed
  // `--port`) and be counted with it or cut short by it.
  if (warmUp && !opts.recorder && !opts.script) {
    await listen(0);
    await warmUpOverSocket(`${tls ? 'wss' : 'ws'}://${urlHost}:${listeningPort()}${path}`, engine, { caPem: tls?.cert, apiKey: opts.apiKey }).catch(
      () => false,
    );
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections?.();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 500))]);
  }
  await listen(opts.port ?? 0);
  const port = listeningPort();
  const url = `${tls ? 'wss' : 'ws'}://${urlHost}:${port}${path}`;
  opts.log?.(`mock listening on ${url}`);
  const pingMs = opts.pingIntervalMs ?? 20_000;
  const pinger =
    pingMs > 0
      ? setInterval(() => {
          for (const client of wss.clients) if (client.readyState === client.OPEN) client.ping();
        }, pingMs).unref()
      : undefined;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    caPem: tls?.cert,
    engine,
    stats: () => engine.stats(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        if (pinger) clearInterval(pinger);
        // Closed when every WebRTC call's peer connection is closed too, not only the sockets.
        const calls = webrtc.close();
        engine.close();
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => void calls.then(resolve));
        server.closeAllConnections?.();
      });
      return closing;
    },
  };
}

function writeRefusal(socket: Duplex, r: HandshakeRefusal): void {
  const headers = { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)), connection: 'close' };
  const lines = [`HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? ''}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${r.body}`);
}
