/**
 * A tiny test relay: a WebSocket server that forwards every frame both ways to an upstream realtime
 * URL, each one `delayMs` later — a stand-in for a team's own relay or voice-agent gateway. The
 * path and query of each connection are kept (`/anything?model=x` → `<upstream>?model=x`); the
 * credential, dialect and mock-directive headers are passed on.
 */
import { WebSocket, WebSocketServer, type RawData } from 'ws';

export interface Relay {
  url: string;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

const FORWARDED_HEADERS = ['authorization', 'api-key', 'openai-beta', 'x-rtbench-mock'];

export async function startRelay(upstream: string, delayMs: number): Promise<Relay> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  let accepted = 0;
  const upstreams = new Set<WebSocket>();

  wss.on('connection', (client, req) => {
    accepted++;
    const target = new URL(upstream);
    for (const [k, v] of new URL(req.url ?? '/', 'http://relay.invalid').searchParams) target.searchParams.set(k, v);
    const headers: Record<string, string> = {};
    for (const h of FORWARDED_HEADERS) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string;
    const up = new WebSocket(target, { headers, perMessageDeflate: false });
    upstreams.add(up);
    const toUpstream: Array<[RawData, boolean]> = [];
    // Node fires timers of equal delay in the order they were set: frames keep their order.
    const later = (fn: () => void) => (delayMs > 0 ? setTimeout(fn, delayMs) : fn());

    client.on('message', (data, isBinary) =>
      later(() => {
        if (up.readyState === WebSocket.OPEN) up.send(data, { binary: isBinary });
        else toUpstream.push([data, isBinary]);
      }),
    );
    up.on('open', () => {
      for (const [data, isBinary] of toUpstream.splice(0)) up.send(data, { binary: isBinary });
    });
    up.on('message', (data, isBinary) =>
      later(() => {
        if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
      }),
    );
    up.on('unexpected-response', (_req, res) => {
      client.close(1011, `upstream refused: HTTP ${res.statusCode}`);
      up.terminate();
    });
    up.on('close', (code, reason) =>
      later(
        () =>
          client.readyState === WebSocket.OPEN && client.close(code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 ? code : 1011, reason.toString()),
      ),
    );
    client.on('close', () => later(() => up.readyState === WebSocket.OPEN && up.close(1000)));
    up.on('error', () => client.readyState === WebSocket.OPEN && client.close(1011, 'upstream error'));
    client.on('error', () => up.terminate());
  });

  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}/relay`,
    connections: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const u of upstreams) u.terminate();
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
