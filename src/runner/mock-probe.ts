/**
 * Is a `ws(s)://` target an rtbench mock? Asked once per server before a run (`GET /rtbench-mock`
 * on the same host and port), so scenario directives (`tool:`, `mock:` blocks, profiles) reach a
 * standalone `rtbench mock` — and go to no other server. The runner does not import the mock: it
 * reads only the advert's marker.
 */
import type { SessionPlan } from '../scenario/types.js';

/** Hosts that are never asked and never get directives (the paid services). */
const NEVER = /(^|\.)(openai\.com|azure\.com|azure\.net|microsoft\.com)$/i;

/** The advert URL of a WebSocket URL: `ws://h:p/v1/realtime` → `http://h:p/rtbench-mock`. */
export function mockAdvertUrl(wsUrl: string): string {
  const u = new URL(wsUrl);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  u.pathname = '/rtbench-mock';
  u.search = '';
  u.username = '';
  u.password = '';
  return u.toString();
}

/**
 * True when the server behind `wsUrl` advertises itself as an rtbench mock. False for anything
 * else: another server, an unreachable one, a paid service's host (never asked). Never throws.
 */
export async function isRtbenchMock(wsUrl: string, timeoutMs = 1000): Promise<boolean> {
  try {
    if (NEVER.test(new URL(wsUrl).hostname)) return false;
    const res = await fetch(mockAdvertUrl(wsUrl), { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (!res.ok) return false;
    const body = (await res.json()) as { server?: unknown };
    return body.server === 'rtbench-mock';
  } catch {
    return false;
  }
}

/**
 * The URL targets of a plan that are rtbench mocks (each distinct server asked once, in parallel).
 * Only sessions whose scenario directs the mock (a `mock:` block, a `tool:` turn) ask: a plain
 * scenario against a relay sends it nothing but the session itself.
 */
export async function findMockTargets(sessions: ReadonlyArray<Pick<SessionPlan, 'target' | 'mock' | 'turns'>>, timeoutMs?: number): Promise<Set<string>> {
  const directed = sessions.filter((s) => s.mock !== undefined || s.turns.some((t) => t.tool));
  const urls = [...new Set(directed.map((s) => s.target).filter((t) => /^wss?:\/\//i.test(t)))];
  const answers = await Promise.all(urls.map((u) => isRtbenchMock(u, timeoutMs)));
  return new Set(urls.filter((_, i) => answers[i]));
}
