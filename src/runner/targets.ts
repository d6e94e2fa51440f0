import type { Dialect } from '../protocol/codec.js';
import { BETA_HEADER } from '../protocol/index.js';
import type { MockDirectives, SessionPlan } from '../scenario/types.js';
import type { PreparedTurn } from './prepare.js';
import { RtbenchError } from '../errors.js';

/** Where and how to connect for one session. Secrets live only here and in headers, never in traces. */
export interface Endpoint {
  url: string;
  headers: Record<string, string>;
  protocols: string[];
  dialect: Dialect;
  /** The URL with secrets removed, for traces and reports. */
  displayUrl: string;
}

export interface TargetEnv {
  OPENAI_API_KEY?: string;
  /** Like the official SDK: `https://host/v1` → `wss://host/v1/realtime` (a proxy, a gateway, a test server). */
  OPENAI_BASE_URL?: string;
  /** Azure: a Microsoft Entra ID bearer token, used instead of the `api-key` header. */
  AZURE_OPENAI_AD_TOKEN?: string;
  AZURE_OPENAI_API_KEY?: string;
  AZURE_OPENAI_ENDPOINT?: string;
  AZURE_OPENAI_API_VERSION?: string;
  [k: string]: string | undefined;
}

export interface TargetConfig {
  /** For custom URL targets: extra headers (values may reference env as `${VAR}`). */
  headers?: Record<string, string>;
  dialect?: Dialect;
}

/** Error with a stable code for target configuration problems (missing key, bad URL). */
export class TargetError extends RtbenchError<'TARGET_CONFIG'> {
  static readonly codes = ['TARGET_CONFIG'] as const;
  constructor(message: string) {
    super('TARGET_CONFIG', message);
    this.name = 'TargetError';
  }
}

/** The header carrying scenario directives to an rtbench mock (only a mock reads it). */
export const MOCK_DIRECTIVES_HEADER = 'x-rtbench-mock';

/**
 * Resolves a session's target to an endpoint. `mockUrl` is the running bundled mock's URL when the
 * target is `mock`. `mockTargets` are the `ws(s)://` targets known to be rtbench mocks (they
 * advertised it, see runner/mock-probe.ts): they get the directives header too, and no other URL does.
 */
export function resolveEndpoint(
  sp: SessionPlan,
  env: TargetEnv,
  mockUrl: string | null,
  cfg: TargetConfig = {},
  prepared?: PreparedTurn[],
  mockTargets?: ReadonlySet<string>,
): Endpoint {
  const dialect: Dialect = sp.dialect ?? cfg.dialect ?? 'ga';
  const headers: Record<string, string> = {};
  if (dialect === 'beta') headers[BETA_HEADER.name] = BETA_HEADER.value;
  let url: URL;
  switch (sp.target) {
    case 'mock': {
      if (!mockUrl) throw new TargetError('target "mock" but no mock is running');
      url = new URL(mockUrl);
      url.searchParams.set('model', sp.model);
      addDirectives(headers, sp, prepared);
      break;
    }
    case 'openai': {
      const key = env.OPENAI_API_KEY;
      if (!key) throw new TargetError('target "openai" needs OPENAI_API_KEY in the environment');
      url = openaiRealtimeUrl(env.OPENAI_BASE_URL);
      url.searchParams.set('model', sp.model);
      headers.Authorization = `Bearer ${key}`;
      break;
    }
    case 'azure': {
      const key = env.AZURE_OPENAI_API_KEY;
      const token = env.AZURE_OPENAI_AD_TOKEN;
      const endpoint = env.AZURE_OPENAI_ENDPOINT;
      if (!key && !token) throw new TargetError('target "azure" needs AZURE_OPENAI_API_KEY (or AZURE_OPENAI_AD_TOKEN) in the environment');
      if (!endpoint) throw new TargetError('target "azure" needs AZURE_OPENAI_ENDPOINT (https://<resource>.openai.azure.com)');
      const base = parseUrl(endpoint, 'AZURE_OPENAI_ENDPOINT', ['https:', 'http:', 'wss:', 'ws:']);
      base.protocol = base.protocol === 'http:' ? 'ws:' : 'wss:';
      if (dialect === 'beta') {
        url = new URL('/openai/realtime', base);
        url.searchParams.set('api-version', env.AZURE_OPENAI_API_VERSION ?? '2025-04-01-preview');
        url.searchParams.set('deployment', sp.model);
      } else {
        url = new URL('/openai/v1/realtime', base);
        url.searchParams.set('model', sp.model);
      }
      if (key) headers['api-key'] = key;
      else headers.Authorization = `Bearer ${token}`;
      break;
    }
    default: {
      if (!/^wss?:\/\//.test(sp.target)) throw new TargetError(`unknown target "${sp.target}" (use mock, openai, azure or a ws:// / wss:// URL)`);
      url = parseUrl(sp.target, 'target', ['ws:', 'wss:']);
      if (!url.searchParams.has('model') && !url.searchParams.has('deployment')) url.searchParams.set('model', sp.model);
      for (const [k, v] of Object.entries(cfg.headers ?? {})) headers[k] = v.replace(/\$\{(\w+)\}/g, (_, name: string) => env[name] ?? '');
      if (env.OPENAI_API_KEY && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
        // Relays that forward to OpenAI usually want the caller's key; harmless for others.
        headers.Authorization = `Bearer ${env.OPENAI_API_KEY}`;
      }
      if (mockTargets?.has(sp.target)) addDirectives(headers, sp, prepared);
    }
  }
  return { url: url.toString(), headers, protocols: [], dialect, displayUrl: redactUrl(url.toString()) };
}

/** `wss://api.openai.com/v1/realtime`, or the realtime URL under `OPENAI_BASE_URL` (as the SDK derives it). */
function openaiRealtimeUrl(baseUrl: string | undefined): URL {
  if (!baseUrl) return new URL('wss://api.openai.com/v1/realtime');
  const base = parseUrl(baseUrl, 'OPENAI_BASE_URL', ['https:', 'http:', 'wss:', 'ws:']);
  base.protocol = base.protocol === 'http:' || base.protocol === 'ws:' ? 'ws:' : 'wss:';
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/realtime`;
  base.search = '';
  return base;
}

function parseUrl(text: string, what: string, protocols: string[]): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new TargetError(`${what}: not a valid URL: ${redactUrl(text)}`);
  }
  if (!protocols.includes(u.protocol))
    throw new TargetError(`${what}: expected a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL, got ${redactUrl(text)}`);
  return u;
}

function addDirectives(headers: Record<string, string>, sp: SessionPlan, prepared?: PreparedTurn[]): void {
  const directives = mockDirectives(sp, prepared);
  if (directives) headers[MOCK_DIRECTIVES_HEADER] = Buffer.from(JSON.stringify(directives)).toString('base64url');
}

/** Directives for the bundled mock: the scenario's `mock:` block plus per-turn truth it cannot infer. */
export function mockDirectives(sp: SessionPlan, prepared?: PreparedTurn[]): MockDirectives | null {
  const d: MockDirectives = { seed: sp.seed, ...(sp.mock ?? {}) };
  const transcripts = sp.turns.map((t, i) => t.transcript ?? prepared?.[i]?.transcript ?? '');
  if (transcripts.some(Boolean) && !d.transcripts) d.transcripts = transcripts;
  const calls = sp.turns.filter((t) => t.tool).map((t) => ({ turn: t.index, name: t.tool!.name, arguments: t.tool!.arguments ?? {} }));
  if (calls.length && !d.tool_calls) d.tool_calls = calls;
  return Object.keys(d).length ? d : null;
}

const SECRET_PARAMS = /^(api[-_]?key|key|token|access_token|sig|signature|client_secret)$/i;

/** Removes credentials from a URL (user:pass, key-like query parameters). */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.username || u.password) {
      u.username = '***';
      u.password = '';
    }
    for (const k of [...u.searchParams.keys()]) if (SECRET_PARAMS.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch {
    return raw.replace(/([?&](?:api[-_]?key|key|token)=)[^&]+/gi, '$1***');
  }
}
