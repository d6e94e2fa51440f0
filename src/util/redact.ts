/**
 * Secret redaction for everything that leaves the process: logs, traces, reports, error messages.
 * Known secrets (the keys actually in use) are replaced wherever they appear; key-shaped strings and
 * credential headers are masked by pattern as a second line of defence.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/\bsk-[A-Za-z0-9_-]{8,}/g, 'sk-***'],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1***'],
  [/("?(?:api-key|authorization|x-api-key)"?\s*[:=]\s*"?)(?:Bearer\s+)?[^"\s,}&]{6,}/gi, '$1***'],
  [/(openai-insecure-api-key\.)[^\s,"']+/gi, '$1***'],
  [/([?&](?:api[-_]?key|key|token|client_secret)=)[^&\s"']+/gi, '$1***'],
];

/** Cheap first pass: text that matches none of these cannot match any pattern above. */
const MAYBE_SECRET = /sk-|bearer|api-key|authorization|openai-insecure-api-key|[?&](?:api[-_]?key|key|token|client_secret)=/i;

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Array<string | undefined>) {
    this.secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
  }

  /** Redacts a string. */
  text(s: string): string {
    let out = s;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('***');
    if (!MAYBE_SECRET.test(out)) return out;
    for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
    return out;
  }

  /** Redacts every string inside a JSON-compatible value (returns a copy). */
  value<T>(v: T): T {
    return JSON.parse(this.text(JSON.stringify(v))) as T;
  }
}

/** The secrets rtbench may hold, from the environment. */
export function secretsFromEnv(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([k, v]) => v && /(_API_KEY|_TOKEN|_SECRET)$/.test(k))
    .map(([, v]) => v!);
}
