/**
 * The link model every engine shares: per direction a one-way delay with jitter, a loss rate with
 * a mean burst length (Gilbert–Elliott), a rate cap and a bounded queue. `--network` values parse
 * into it: `none`, a built-in profile name, or a spec such as
 * `rtt=150ms,jitter=10ms,loss=1%,down=1600kbit,up=750kbit`.
 */
import { PROFILES, type ProfileName } from './profiles.js';

/** One direction of the link (`up`: client → server, `down`: server → client). */
export interface LinkDirection {
  /** One-way propagation delay, ms. */
  delayMs: number;
  /** Half-width of the uniform spread around the delay, ms (packets keep their order). */
  jitterMs: number;
  /** Mean packet loss, percent. */
  lossPct: number;
  /** Mean length of a loss burst, packets (1 = independent losses). */
  burstPackets: number;
  /** Rate cap, kbit/s (1000 bit/s); null = uncapped. */
  rateKbit: number | null;
  /** Queue in front of the rate cap, as ms of traffic at the cap; packets beyond it are dropped. */
  queueMs: number;
}

/** An impaired link between the harness and the server. */
export interface NetworkSpec {
  /** What the user asked for: a profile name, or the spec text normalised. */
  name: string;
  up: LinkDirection;
  down: LinkDirection;
}

/** The value of `--network` / scenario `network:` that means "no impairment" (the default). */
export const NO_NETWORK = 'none';

/** Queue depth when a spec names none: enough for a few round trips at the cap, bounded. */
export const DEFAULT_QUEUE_MS = 200;

import { RtbenchError } from '../errors.js';

/** A bad `--network` value (exit 2). */
export class NetworkSpecError extends RtbenchError<'NETWORK_INVALID'> {
  static readonly codes = ['NETWORK_INVALID'] as const;
  constructor(message: string) {
    super('NETWORK_INVALID', message);
    this.name = 'NetworkSpecError';
  }
}

const KEYS = [
  'rtt',
  'jitter',
  'loss',
  'burst',
  'rate',
  'down',
  'up',
  'queue',
  'delay_up',
  'delay_down',
  'jitter_up',
  'jitter_down',
  'loss_up',
  'loss_down',
  'burst_up',
  'burst_down',
  'queue_up',
  'queue_down',
] as const;
type Key = (typeof KEYS)[number];

const HELP = `expected none, a profile (${Object.keys(PROFILES).join(', ')}) or a spec like rtt=150ms,jitter=10ms,loss=1%,down=1600kbit,up=750kbit (keys: ${KEYS.join(', ')})`;

/** Parses a `--network` value; `null` for `none`. Throws {@link NetworkSpecError}. */
export function parseNetwork(text: string): NetworkSpec | null {
  const value = text.trim();
  if (value === '') throw new NetworkSpecError(`--network: empty value; ${HELP}`);
  if (value === NO_NETWORK) return null;
  if (Object.prototype.hasOwnProperty.call(PROFILES, value)) return profileSpec(value as ProfileName);
  if (!value.includes('=')) throw new NetworkSpecError(`--network ${value}: unknown profile "${value}"; ${HELP}`);
  const seen = new Map<Key, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim() as Key;
    const raw = part.slice(eq + 1).trim();
    if (eq < 0 || !raw) throw new NetworkSpecError(`--network ${value}: "${part}" is not key=value; ${HELP}`);
    if (!KEYS.includes(key)) throw new NetworkSpecError(`--network ${value}: unknown key "${key}"; ${HELP}`);
    if (seen.has(key)) throw new NetworkSpecError(`--network ${value}: "${key}" given twice`);
    seen.set(key, raw);
  }
  const get = <T>(key: Key, conv: (raw: string, key: Key) => T): T | undefined => (seen.has(key) ? conv(seen.get(key)!, key) : undefined);
  const fail = (key: Key, raw: string, what: string) => new NetworkSpecError(`--network ${value}: ${key}=${raw}: ${what}`);
  const ms = (raw: string, key: Key): number => {
    const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(raw);
    if (!m) throw fail(key, raw, 'expected a duration such as 150ms or 1.5s');
    const v = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
    if (v > 60_000) throw fail(key, raw, 'at most 60s');
    return v;
  };
  const pct = (raw: string, key: Key): number => {
    const m = /^(\d+(?:\.\d+)?)%$/.exec(raw);
    if (!m || Number(m[1]) >= 100) throw fail(key, raw, 'expected a percentage below 100%, such as 1% or 0.5%');
    return Number(m[1]);
  };
  const packets = (raw: string, key: Key): number => {
    const v = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw) || v < 1 || v > 1000) throw fail(key, raw, 'expected a mean burst length in packets, 1 to 1000');
    return v;
  };
  const rate = (raw: string, key: Key): number => {
    const m = /^(\d+(?:\.\d+)?)(bit|kbit|mbit|gbit)$/i.exec(raw);
    if (!m) throw fail(key, raw, 'expected a rate such as 750kbit, 1.6mbit or 64000bit');
    const kbit = Number(m[1]) * { bit: 0.001, kbit: 1, mbit: 1000, gbit: 1_000_000 }[m[2]!.toLowerCase() as 'bit']!;
    if (kbit < 8) throw fail(key, raw, 'at least 8kbit');
    return kbit;
  };
  const rtt = get('rtt', ms);
  const jitter = get('jitter', ms);
  const loss = get('loss', pct);
  const burst = get('burst', packets);
  const both = get('rate', rate);
  const queue = get('queue', ms);
  if (both !== undefined && (seen.has('up') || seen.has('down'))) throw new NetworkSpecError(`--network ${value}: give rate= or up=/down=, not both`);
  const dir = (d: 'up' | 'down'): LinkDirection => ({
    delayMs: get(`delay_${d}`, ms) ?? (rtt ?? 0) / 2,
    jitterMs: get(`jitter_${d}`, ms) ?? (jitter ?? 0) / 2,
    lossPct: get(`loss_${d}`, pct) ?? loss ?? 0,
    burstPackets: get(`burst_${d}`, packets) ?? burst ?? 1,
    rateKbit: get(d, rate) ?? both ?? null,
    queueMs: get(`queue_${d}`, ms) ?? queue ?? DEFAULT_QUEUE_MS,
  });
  const up = dir('up');
  const down = dir('down');
  for (const [d, v] of [
    ['up', up],
    ['down', down],
  ] as const) {
    if (v.jitterMs > v.delayMs)
      throw new NetworkSpecError(`--network ${value}: the ${d} jitter (±${v.jitterMs} ms) is larger than its one-way delay (${v.delayMs} ms)`);
  }
  return { name: normalise(seen), up, down };
}

/** The spec of a built-in profile: its round trip and jitter split evenly over the two directions. */
export function profileSpec(name: ProfileName): NetworkSpec {
  const p = PROFILES[name];
  const dir = (rateKbit: number): LinkDirection => ({
    delayMs: p.rttMs / 2,
    jitterMs: p.jitterMs / 2,
    lossPct: p.lossPct,
    burstPackets: p.burstPackets,
    rateKbit,
    queueMs: DEFAULT_QUEUE_MS,
  });
  return { name, up: dir(p.upKbit), down: dir(p.downKbit) };
}

/** Every value of a repeatable `--network` parsed, duplicates and order kept out: `none` first when given. */
export function parseNetworks(values: readonly string[]): Array<NetworkSpec | null> {
  const out = new Map<string, NetworkSpec | null>();
  for (const v of values) {
    const spec = parseNetwork(v);
    out.set(spec?.name ?? NO_NETWORK, spec);
  }
  return [...out.values()];
}

/** The round trip of a spec (the sum of the two one-way delays), ms. */
export function rttOf(spec: NetworkSpec): number {
  return spec.up.delayMs + spec.down.delayMs;
}

function normalise(seen: ReadonlyMap<Key, string>): string {
  return KEYS.filter((k) => seen.has(k))
    .map((k) => `${k}=${seen.get(k)}`)
    .join(',');
}
