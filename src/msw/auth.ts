import type { HandlerContext } from './context.js';
import { azureUnauthorized, openaiUnauthorized } from './errors.js';

/** The Bearer token of a request, if any. */
export function bearer(request: Request): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '');
  return m ? m[1].trim() : undefined;
}

function accepted(ctx: HandlerContext, key: string | undefined, allowEphemeral: boolean): boolean {
  if (!key) return false;
  if (allowEphemeral && ctx.issued.has(key)) return true;
  return ctx.apiKey === undefined ? true : key === ctx.apiKey;
}

/**
 * OpenAI: `Authorization: Bearer <key>`. Returns the 401 to send, or null when allowed.
 * `allowEphemeral`: an `ek_…` issued by these handlers also passes (the WebRTC call flow).
 */
export function checkOpenAIAuth(ctx: HandlerContext, request: Request, allowEphemeral = false): Response | null {
  const key = bearer(request);
  return accepted(ctx, key, allowEphemeral) ? null : openaiUnauthorized(Boolean(key));
}

/** Azure: `api-key: <key>`, or `Authorization: Bearer <token>` (Entra ID or the key). */
export function checkAzureAuth(ctx: HandlerContext, request: Request, allowEphemeral = false): Response | null {
  const key = request.headers.get('api-key') ?? bearer(request);
  return accepted(ctx, key ?? undefined, allowEphemeral) ? null : azureUnauthorized();
}
