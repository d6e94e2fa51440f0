/**
 * The voices `say` offers: the three statistical-parametric (clustergen) voices compiled into the
 * Flite build. Their phone timings match their waveform sample for sample (5 ms frames), which is
 * what makes the speech boundaries exact. Flite's two diphone voices (kal, kal16) are left out:
 * their waveform drifts from the timings they report (≈ 110 ms over 3 s), and the time-only
 * limited-domain voice (awb_time) cannot say arbitrary text.
 */
export const VOICES = {
  slt: { flite: 'slt', description: 'US English, female' },
  rms: { flite: 'rms', description: 'US English, male' },
  awb: { flite: 'awb', description: 'Scottish English, male' },
} as const;

/** A voice name accepted by `say`. */
export type VoiceName = keyof typeof VOICES;

/** Every voice name, in the order documented. */
export const VOICE_NAMES = Object.keys(VOICES) as VoiceName[];

/** The voice used when none is given. */
export const DEFAULT_VOICE: VoiceName = 'slt';

/** Speaking rate bounds: 1 = the voice's own pace, 2 = twice as fast (half the duration). */
export const MIN_RATE = 0.5;
export const MAX_RATE = 2;
export const DEFAULT_RATE = 1;

/** Whether `name` is a voice `say` offers. */
export function isVoiceName(name: string): name is VoiceName {
  return Object.hasOwn(VOICES, name);
}
