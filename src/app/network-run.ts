/**
 * `--network`: a plan's sessions grouped by the link they cross. Sessions without one run as
 * always; for each link the run builds the namespaces and the impaired link, starts the bundled
 * mock in the server namespace (listening on the link's server address) and a probe echo beside
 * it, runs the link's sessions in a child process inside the client namespace, and removes it all
 * before the next link. The runner, the transports and the mock are the same code: only where they
 * listen and connect moves.
 */
import type { ChildProcess } from 'node:child_process';
import type { RealClock } from '../clock/real.js';
import type { FromProbeProcess, ToProbeProcess } from '../network/probe-process.js';
import type { LinkFacts } from '../network/probe.js';
import { linkFactsOf, sessionSpan } from '../network/session-facts.js';
import { pacingFromLags } from '../metrics/pacing.js';
import type { MockOptions } from '../mock/types.js';
import { SERVER_ADDRESS } from '../network/addresses.js';
import { checkNetworkSupport } from '../network/capability.js';
import { openNetworkLink, type EngineChoice, type NetworkLink } from '../network/link.js';
import { stopChild } from '../network/namespaces.js';
import { closeEgress, openEgress, type Egress } from '../network/egress.js';
import { hostNamesOf, resolveHosts } from '../network/hosts.js';
import { resolveEndpoint } from '../runner/targets.js';
import { NO_NETWORK, parseNetwork } from '../network/spec.js';
import type { RunInfo, Sample } from '../results/types.js';
import { readManifest, writeManifest, type RunManifest } from '../run-folder/manifest.js';
import { UsageError } from '../errors.js';
import type { ExecuteOptions, ExecuteResult, SessionResult } from '../runner/run.js';
import type { Plan, SessionPlan } from '../scenario/types.js';
import { startModuleProcess } from '../util/module-worker.js';
import type { SessionWorkerData } from './worker-protocol.js';
import { executeInWorkers, processWorker, type WorkerRunOptions } from './workers.js';

/** What a run records about each link it built (results.json `run.network`, run.json `network_links`). */
export type NetworkRunInfo = NonNullable<RunInfo['network']>[number];

/** Adds the links to run.json (which engine ran is part of what the run was). */
export async function recordNetworkLinks(outDir: string, links: NetworkRunInfo[]): Promise<void> {
  const manifest = await readManifest(outDir);
  const before = (manifest as { network_links?: NetworkRunInfo[] }).network_links ?? [];
  await writeManifest(outDir, { ...manifest, network_links: [...before, ...links] } as RunManifest);
}

/** Whether any session of the plan crosses a link. */
export function plansNetwork(plan: Plan): boolean {
  return plan.sessions.some((s) => isNetworked(s));
}

function isNetworked(s: SessionPlan): boolean {
  return s.network !== undefined && s.network !== NO_NETWORK;
}

/** Checked before anything runs: the machine can build links, and the plan fits them (exit 2 otherwise). */
export function checkNetworkPlan(plan: Plan, o: { virtual: boolean; mockUrl?: string }): void {
  if (!plansNetwork(plan)) return;
  const usage = (m: string) => new UsageError(m);
  if (o.virtual) throw usage('--network needs the real clock: drop --clock virtual');
  // A live target is reached through the host with NAT (nftables), never on the host's loopback.
  const liveUrls = [...(o.mockUrl ? [o.mockUrl] : []), ...plan.sessions.filter((s) => isNetworked(s) && /^wss?:\/\//.test(s.target)).map((s) => s.target)];
  const loopback = liveUrls.find((u) => isLoopback(u));
  if (loopback)
    throw usage(`--network: ${loopback} is on this machine's loopback, which the link's client namespace does not share; use an address of another interface`);
  checkNetworkSupport();
  if (o.mockUrl || plan.sessions.some((s) => isNetworked(s) && s.target !== 'mock')) checkNetworkSupport(undefined, ['nft']);
}

function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

export interface NetworkRunOptions extends ExecuteOptions {
  clock: RealClock;
  seed: number;
  mock?: Partial<MockOptions>;
  engine?: EngineChoice;
  /** `--mock-url`: a mock elsewhere, reached like a live target. */
  mockUrl?: string;
  /** Runs the sessions that cross no link (the run's usual path). */
  runPlain: (plan: Plan, opts: ExecuteOptions) => Promise<ExecuteResult>;
  connection: WorkerRunOptions['connection'];
  log?: (line: string) => void;
  /** Each link, once it is removed. */
  onLink?: (info: NetworkRunInfo) => void;
}

/** Executes the plan link by link (sessions without a link first); results as from `executePlan`. */
export async function executeByNetwork(plan: Plan, o: NetworkRunOptions): Promise<ExecuteResult> {
  const groups = new Map<string, SessionPlan[]>();
  for (const s of plan.sessions) {
    const key = isNetworked(s) ? s.network! : NO_NETWORK;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(s);
  }
  const ordered = [...groups].sort(([a], [b]) => Number(a !== NO_NETWORK) - Number(b !== NO_NETWORK));
  const total = plan.sessions.filter((s) => !o.skip?.has(s.id)).length;
  const samples: Sample[] = [];
  const lags: number[] = [];
  let done = 0;
  let sessions = 0;
  let failedSessions = 0;
  const discarded: string[] = [];
  let stopped: string | null = null;
  // Progress and the run's own bookkeeping see one run, not one per link.
  const onSession = async (result: SessionResult) => {
    for (const r of result.trace) if (r.k === 'chunk') lags.push(r.t - r.due);
    done++;
    await o.onSession?.(result, { done, total });
  };
  for (const [network, group] of ordered) {
    if (stopped !== null || o.signal?.aborted) break;
    const part: Plan = { sessions: group };
    const r = network === NO_NETWORK ? await o.runPlain(part, { ...o, onSession }) : await runOverLink(network, part, { ...o, onSession });
    samples.push(...r.samples);
    sessions += r.sessions;
    failedSessions += r.failedSessions;
    discarded.push(...r.discarded);
    stopped = r.stopped;
  }
  if (stopped === null && o.signal?.aborted && done < total) stopped = 'interrupted';
  return { samples, pacing: pacingFromLags(lags), sessions, failedSessions, stopped, discarded };
}

async function runOverLink(network: string, part: Plan, o: NetworkRunOptions): Promise<ExecuteResult> {
  const spec = parseNetwork(network)!;
  // Sessions to the bundled mock get one in the server namespace; any other target (or `--mock-url`) is live.
  const mockSessions = part.sessions.some((s) => s.target === 'mock');
  const bundled = !o.mockUrl && mockSessions;
  const live = part.sessions.some((s) => s.target !== 'mock') || (Boolean(o.mockUrl) && mockSessions);
  const hosts = live ? await resolveHosts(hostNamesOf(liveUrls(part, o))) : undefined;
  const link: NetworkLink = await openNetworkLink({ spec, clock: o.clock, seed: o.seed, engine: o.engine });
  let egress: Egress | null = null;
  let egressMs = 0;
  if (live) {
    try {
      const egressT = o.clock.now();
      egress = await openEgress(link, link.clientDevice);
      egressMs = o.clock.now() - egressT;
    } catch (err) {
      await link.close();
      throw err;
    }
  }
  o.log?.(
    `network ${network}: ${link.engine} link built in ${round1(link.setupMs + egressMs)} ms${egress ? `; live targets through the host (${egress.info.host_device} ${egress.info.host_address}, nft table ${egress.info.nft_table})` : ''}`,
  );
  const { startMockServerInProcess } = await import('../mock/hosting/worker-server.js');
  const networkDir = new URL('../network/', import.meta.url).href;
  const echo = startModuleProcess(networkDir, 'probe-process', { wrap: link.serverWrap, detached: true });
  // The prober has a process of its own in the client namespace, so the sessions' work never delays its timestamps.
  const prober = startModuleProcess(networkDir, 'probe-process', { wrap: link.clientWrap, detached: true });
  let mock: Awaited<ReturnType<typeof startMockServerInProcess>> | null = null;
  try {
    await ask(echo, { type: 'serve', tcpPort: 0 }, 'serving');
    if (bundled) mock = await startMockServerInProcess({ host: SERVER_ADDRESS, port: 0, seed: o.seed, ...o.mock }, { wrap: link.serverWrap, detached: true });
    await ask(prober, { type: 'watch', host: link.serverAddress, epochMs: o.clock.epochMs() }, 'watching');
    const upKbit = spec.up.rateKbit;
    let nextId = 0;
    return await executeInWorkers(part, {
      ...o,
      // Each session's samples get what the link measured while it ran.
      amend: async (result) => {
        const id = nextId++;
        const facts = (await ask(prober, { type: 'facts', id, ...sessionSpan(result) }, 'facts', (m) => m.type === 'facts' && m.id === id)) as {
          facts: LinkFacts;
        };
        return linkFactsOf(result, facts.facts, upKbit);
      },
      workers: 1,
      connection: mock ? { ...o.connection, mockUrl: mock.url, caPem: mock.caPem } : o.connection,
      start: (data) =>
        processWorker(
          startModuleProcess(import.meta.url, 'network-session-process', { wrap: link.clientWrap, detached: true }),
          (d: SessionWorkerData) => ({ type: 'start', data: d, hosts }),
          data,
        ),
    });
  } finally {
    await mock?.close().catch(() => undefined);
    await Promise.all([stopChild(echo), stopChild(prober)]);
    const closeT = o.clock.now();
    if (egress) await closeEgress(egress);
    const teardownMs = round1(o.clock.now() - closeT + (await link.close()));
    o.log?.(`network ${network}: link removed in ${teardownMs} ms`);
    const dir = (d: typeof spec.up) => ({
      delay_ms: d.delayMs,
      jitter_ms: d.jitterMs,
      loss_pct: d.lossPct,
      burst_packets: d.burstPackets,
      rate_kbit: d.rateKbit,
      queue_ms: d.queueMs,
    });
    o.onLink?.({
      network,
      engine: link.engine,
      sessions: part.sessions.length,
      setup_ms: round1(link.setupMs + egressMs),
      teardown_ms: teardownMs,
      up: dir(spec.up),
      down: dir(spec.down),
      ...(egress ? { egress: egress.info } : {}),
    });
  }
}

/** The URLs the link's live sessions will connect to (their host names are resolved by the run). */
function liveUrls(part: Plan, o: NetworkRunOptions): string[] {
  const c = o.connection;
  const mockTargets = new Set(c.mockTargets);
  // Sessions to the bundled mock (in the server namespace) need no name; with `--mock-url` they are live.
  return part.sessions
    .filter((s) => s.target !== 'mock' || o.mockUrl)
    .map((s) => resolveEndpoint(s, c.env, c.mockUrl ?? null, c.target, undefined, mockTargets).url);
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Sends `m` to a probe process and waits for its answer of type `want`. */
function ask(
  child: ChildProcess,
  m: ToProbeProcess,
  want: FromProbeProcess['type'],
  match: (m: FromProbeProcess) => boolean = (r) => r.type === want,
): Promise<FromProbeProcess> {
  return new Promise((resolve, reject) => {
    const onMessage = (r: FromProbeProcess) => {
      if (r.type === 'failed') done(new Error(`link probe: ${r.message}`));
      else if (match(r)) done(null, r);
    };
    const onExit = (code: number | null) => done(new Error(`link probe exited (code ${code})`));
    const done = (err: Error | null, r?: FromProbeProcess) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(r!);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(m);
  });
}
