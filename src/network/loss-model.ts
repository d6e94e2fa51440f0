/**
 * The loss model both engines use: with a mean burst of one packet, independent losses; longer
 * bursts, a Gilbert–Elliott chain whose bad state loses every packet, with the stationary share of
 * the bad state equal to the loss rate and a mean stay in it of `burstPackets`.
 */
import type { LinkDirection } from './spec.js';

/** Per-packet transition probabilities (0–1), or null without loss. */
export function lossModel(d: LinkDirection): { burst: boolean; goodToBad: number; badToGood: number } | null {
  const p = d.lossPct / 100;
  if (p <= 0) return null;
  if (d.burstPackets <= 1) return { burst: false, goodToBad: p, badToGood: 1 - p };
  const badToGood = 1 / d.burstPackets;
  return { burst: true, goodToBad: (p * badToGood) / (1 - p), badToGood };
}
