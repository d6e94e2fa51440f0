import { AUDIBLE_PEAK, firstAudibleIndex, samplesOfBase64 } from '../audio/audible.js';
import { sampleRateOf, type AudioFormat } from '../protocol/session.js';

/**
 * Finds where each answer item becomes audible: the first sample at or above {@link AUDIBLE_PEAK}
 * in its audio, as a position (ms into the item). WebSocket deltas are scanned (only until the
 * item's first sound; a socket's transport scans them before cutting the payload out and says
 * where in `audible_sample`); WebRTC's synthetic deltas begin at the first
 * frame above the same level (the transport gates on it), so their first one is the sound.
 */
export class AudibleWatch {
  private readonly found = new Set<string>();

  constructor(private readonly format: AudioFormat) {}

  /**
   * A delta of item `itemId` arrived as wire text `frame`, after `priorMs` of the item's audio.
   * Returns the position (ms into the item) of its first audible sample if this delta holds it.
   */
  scan(itemId: string, frame: string, priorMs: number, marks: { rtp: boolean; audibleSample: number | null }): number | null {
    if (this.found.has(itemId)) return null;
    if (marks.rtp) {
      this.found.add(itemId);
      return priorMs;
    }
    if (marks.audibleSample !== null) {
      // The WebSocket transport looked before cutting the payload out.
      if (marks.audibleSample < 0) return null;
      this.found.add(itemId);
      return priorMs + (marks.audibleSample * 1000) / sampleRateOf(this.format);
    }
    const b64 = deltaPayload(frame);
    if (!b64) return null;
    const i = firstAudibleIndex(samplesOfBase64(b64, this.format), AUDIBLE_PEAK);
    if (i < 0) return null;
    this.found.add(itemId);
    return priorMs + (i * 1000) / sampleRateOf(this.format);
  }
}

/** The base64 `delta` of an audio delta frame, found without parsing the frame. */
function deltaPayload(frame: string): string | null {
  const key = frame.indexOf('"delta":"');
  if (key < 0) return null;
  const start = key + 9;
  const end = frame.indexOf('"', start);
  return end < 0 ? null : frame.slice(start, end);
}
