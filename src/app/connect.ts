/**
 * Connecting a run to its targets: where the bundled mock runs (in-process on the virtual clock, a
 * worker thread or the main thread on the real clock, or an already-running `rtbench mock`), and the
 * connector each session calls. The only module that wires the mock and the runner together.
 */
import type { Clock } from '../clock/clock.js';
import { MockRealtime } from '../mock/session/engine.js';
import type { MockOptions } from '../mock/types.js';
import type { MockServer } from '../mock/hosting/server.js';
import type { WorkerMockServer } from '../mock/hosting/worker-server.js';
import { fetchMockFramesReceived } from '../runner/mock-stats.js';
import type { Connection, Connector } from '../runner/session.js';
import { resolveEndpoint, type Endpoint, type TargetConfig, type TargetEnv } from '../runner/targets.js';
import { createInProcessPair } from '../transport/in-process.js';
import { TransportError } from '../transport/transport.js';

/**
 * Where the bundled mock runs in a real-clock run: `worker` (default: its own thread and event loop,
 * so it never delays the harness's sends), `process` (its own child process: isolation for WebRTC
 * runs too, where libwebrtc's bindings allow one thread per process) or `main` (the harness's own
 * event loop — what WebRTC runs use by default; otherwise only to measure what that costs).
 */
export type MockPlacement = 'worker' | 'process' | 'main';

/** How a run reaches the bundled mock, if it needs one. */
export type MockLink =
  | { kind: 'none' }
  | { kind: 'in-process'; engine: MockRealtime }
  | { kind: 'worker'; server: WorkerMockServer }
  | { kind: 'process'; server: WorkerMockServer }
  | { kind: 'main-thread'; server: MockServer }
  | { kind: 'remote'; url: string; framesBefore: number | null };

export interface MockLinkOptions {
  needsMock: boolean;
  virtual: boolean;
  clock: Clock;
  seed: number;
  mock?: Partial<MockOptions>;
  /** An already-running `rtbench mock` to use for `mock` targets. */
  mockUrl?: string;
  placement?: MockPlacement;
  /** Read the remote mock's frame counter now (for `load.frames`). */
  countFrames?: boolean;
  /** Nice value for the mock's worker thread (Linux; 0 = the harness's own priority). */
  mockThreadNice?: number;
}

/** Starts (or finds) the mock the run needs. */
export async function openMockLink(o: MockLinkOptions): Promise<MockLink> {
  if (!o.needsMock) return { kind: 'none' };
  const options = { seed: o.seed, ...o.mock };
  if (o.virtual) return { kind: 'in-process', engine: new MockRealtime({ ...options, clock: o.clock }) };
  if (o.mockUrl) return { kind: 'remote', url: o.mockUrl, framesBefore: o.countFrames ? await fetchMockFramesReceived(o.mockUrl) : 0 };
  // Loaded only for real sockets: a virtual-clock run never pays for `ws`.
  if ((o.placement ?? 'worker') === 'main') {
    const { startMockServer } = await import('../mock/hosting/server.js');
    return { kind: 'main-thread', server: await startMockServer({ host: '127.0.0.1', port: 0, ...options, clock: o.clock }) };
  }
  const { startMockServerInProcess, startMockServerInWorker } = await import('../mock/hosting/worker-server.js');
  if (o.placement === 'process') return { kind: 'process', server: await startMockServerInProcess({ host: '127.0.0.1', port: 0, ...options }) };
  return { kind: 'worker', server: await startMockServerInWorker({ host: '127.0.0.1', port: 0, ...options }, { nice: o.mockThreadNice }) };
}

/** The WebSocket URL of the link's mock (null in-process or without a mock). */
export function mockUrlOf(link: MockLink): string | null {
  if (link.kind === 'worker' || link.kind === 'process' || link.kind === 'main-thread') return link.server.url;
  if (link.kind === 'remote') return link.url;
  return null;
}

/** The CA certificate (PEM) of a mock the run started with TLS. */
export function caPemOf(link: MockLink): string | undefined {
  return link.kind === 'worker' || link.kind === 'process' || link.kind === 'main-thread' ? link.server.caPem : undefined;
}

/** Client frames the mock received during this run, or null when it cannot be told. */
export async function mockFramesReceived(link: MockLink): Promise<number | null> {
  switch (link.kind) {
    case 'in-process':
      return link.engine.stats().framesReceived;
    case 'main-thread':
      return link.server.stats().framesReceived;
    case 'worker':
    case 'process':
      return (await link.server.stats().catch(() => null))?.framesReceived ?? null;
    case 'remote': {
      const after = await fetchMockFramesReceived(link.url);
      return after !== null && link.framesBefore !== null ? after - link.framesBefore : null;
    }
    default:
      return null;
  }
}

/** Stops what the run started (a remote mock is left running). */
export async function closeMockLink(link: MockLink): Promise<void> {
  if (link.kind === 'in-process') link.engine.close();
  else if (link.kind === 'worker' || link.kind === 'process' || link.kind === 'main-thread') await link.server.close();
}

export interface ConnectorOptions {
  link: MockLink;
  clock: Clock;
  env: TargetEnv;
  target?: TargetConfig;
  insecure?: boolean;
  connectTimeoutMs?: number;
  /** `ws(s)://` targets that advertised themselves as rtbench mocks (they get directives). */
  mockTargets?: ReadonlySet<string>;
  /** Called before each connection attempt (starts the resource monitor). */
  onConnect?: () => void;
  /** CA certificate (PEM) of a remote mock serving TLS with a self-signed certificate. */
  caPem?: string;
}

/** The connector sessions call: in-process pair for the virtual-clock mock, WebRTC for `transport: webrtc` sessions, a WebSocket otherwise. */
export function makeConnector(o: ConnectorOptions): Connector {
  const inProcess = o.link.kind === 'in-process' ? o.link.engine : null;
  const mockUrl = inProcess ? 'ws://in-process/v1/realtime' : mockUrlOf(o.link);
  const caPem = caPemOf(o.link) ?? o.caPem;
  return async (sp, turns, signal) => {
    o.onConnect?.();
    const ep = resolveEndpoint(sp, o.env, mockUrl, o.target, turns, o.mockTargets);
    if (inProcess && sp.target === 'mock') return connectInProcess(inProcess, o.clock, ep);
    if (sp.transport === 'webrtc') {
      const { connectWebRtcSession } = await import('./connect-webrtc.js');
      return connectWebRtcSession(ep, { clock: o.clock, signal, timeoutMs: o.connectTimeoutMs });
    }
    const { connectWs } = await import('../transport/ws-client.js');
    const { transport, connectMs } = await connectWs(ep.url, {
      headers: ep.headers,
      protocols: ep.protocols,
      clock: o.clock,
      signal,
      insecure: o.insecure,
      ca: caPem,
      timeoutMs: o.connectTimeoutMs,
      elideAudioDeltas: true,
      audibleFormat: sp.session.output_audio_format ?? 'pcm16',
    });
    return { transport, connectMs, url: ep.displayUrl, dialect: ep.dialect };
  };
}

/**
 * Connects to the in-process mock like a socket would: the mock decides the handshake first, and a
 * refusal is the same {@link TransportError} (status, retry-after) a real socket gets, so retries
 * behave the same on the virtual clock.
 */
export function connectInProcess(mock: MockRealtime, clock: Clock, ep: Endpoint): Connection {
  const request = { url: ep.url, headers: Object.fromEntries(Object.entries(ep.headers).map(([k, v]) => [k.toLowerCase(), v])) };
  const admission = mock.admit(request);
  if (!admission.ok) {
    const r = admission.refusal;
    const retryAfter = Number(r.headers['retry-after']);
    const detail = r.body.trim().slice(0, 200).replace(/\s+/g, ' ');
    throw new TransportError('HANDSHAKE_REJECTED', `handshake rejected: HTTP ${r.status}${detail ? ` ${detail}` : ''}`, {
      status: r.status,
      retryAfterMs: Number.isFinite(retryAfter) && r.headers['retry-after'] !== undefined ? retryAfter * 1000 : undefined,
    });
  }
  const pair = createInProcessPair(clock);
  mock.attach(pair.server, request, admission.ticket);
  return { transport: pair.client, connectMs: 0, url: ep.displayUrl, dialect: ep.dialect };
}
