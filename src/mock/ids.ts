import type { Prng } from '../util/prng.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Ids shaped like the service's (`event_…`, `item_…`, `resp_…`, `call_…`, `sess_…`, `conv_…`):
 * a prefix and 22 characters. A per-session random part (seeded, so reruns give the same ids)
 * keeps ids unique across sessions; a counter keeps them unique within one.
 */
export class IdGenerator {
  private counter = 0;
  private readonly sessionPart: string;

  constructor(rng: Prng) {
    let s = '';
    for (let i = 0; i < 12; i++) s += ALPHABET[Math.floor(rng.next() * ALPHABET.length)];
    this.sessionPart = s;
  }

  next(prefix: 'event' | 'item' | 'resp' | 'call' | 'sess' | 'conv'): string {
    const n = (this.counter++).toString(36).padStart(10, '0');
    return `${prefix}_${this.sessionPart}${n}`;
  }
}
