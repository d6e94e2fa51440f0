export * from './codec.js';
export * from './events.js';
export * from './session.js';
export * from './client-events.js';
export { gaCodec, gaFormat, formatFromGa } from './ga.js';
export { betaCodec } from './beta.js';
import { betaCodec } from './beta.js';
import type { Codec, Dialect } from './codec.js';
import { gaCodec } from './ga.js';

/** The codec for a dialect. */
export function codecFor(dialect: Dialect): Codec {
  return dialect === 'beta' ? betaCodec : gaCodec;
}

/** The header that selects the beta dialect. */
export const BETA_HEADER = { name: 'OpenAI-Beta', value: 'realtime=v1' } as const;
