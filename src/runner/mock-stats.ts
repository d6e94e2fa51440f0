/**
 * Reads the counters of a bundled mock running in another process (`rtbench mock`), over its
 * plain-HTTP `GET /stats` on the same host and port as the WebSocket endpoint. The runner does not
 * import the mock: only the one number a load run needs is read, and checked.
 */

/** The stats URL of a mock WebSocket URL: `ws://h:p/v1/realtime` → `http://h:p/stats`. */
export function mockStatsUrl(mockWsUrl: string): string {
  const u = new URL(mockWsUrl);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  u.pathname = '/stats';
  u.search = '';
  return u.toString();
}

/**
 * Client frames the mock has received so far (all sessions), or null when the mock cannot be asked
 * (not an rtbench mock, TLS with a self-signed certificate, unreachable). Never throws.
 */
export async function fetchMockFramesReceived(mockWsUrl: string, timeoutMs = 5000): Promise<number | null> {
  try {
    const res = await fetch(mockStatsUrl(mockWsUrl), { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    const body = (await res.json()) as { framesReceived?: unknown };
    return typeof body.framesReceived === 'number' && Number.isFinite(body.framesReceived) ? body.framesReceived : null;
  } catch {
    return null;
  }
}
