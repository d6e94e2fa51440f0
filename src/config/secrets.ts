/**
 * Which config values are secrets. Keys should come from the environment (`api_key_env`, or
 * `${VAR}` in a header); a literal key in a file is accepted with a warning, and is masked
 * everywhere the config is shown or stored.
 */

/** Header names whose values are credentials. */
const SECRET_HEADER = /authorization|api[-_]?key|token|secret|password|cookie|signature/i;

/** `${VAR}` references in a header value. */
export const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** True for a header that carries credentials (`Authorization`, `api-key`, `x-relay-token`…). */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

/** The environment variables a header value reads (`Bearer ${RELAY_TOKEN}` → `RELAY_TOKEN`). */
export function envRefs(value: string): string[] {
  return [...value.matchAll(ENV_REF)].map((m) => m[1]);
}

/** Replaces `${VAR}` with the variable's value; a missing variable becomes empty (and is reported earlier). */
export function expandEnvRefs(value: string, env: Record<string, string | undefined>): string {
  return value.replace(ENV_REF, (_, name: string) => env[name] ?? '');
}

/** A header value written literally, with credentials in it: a secret kept in a file. */
export function isLiteralSecretHeader(name: string, value: string): boolean {
  return isSecretHeader(name) && envRefs(value).length === 0 && value.trim().length > 0;
}

/** The mask shown instead of a secret. */
export const MASK = '***';

/**
 * A header value fit to print: `${VAR}` references stay (they are names, not secrets); a literal
 * credential is masked, keeping an auth scheme such as `Bearer ` so the shape stays readable.
 */
export function maskHeaderValue(name: string, value: string): string {
  if (!isLiteralSecretHeader(name, value)) return value;
  const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value);
  return scheme ? `${scheme[0]}${MASK}` : MASK;
}
