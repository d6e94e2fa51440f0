import type { RealtimeEvent } from '../protocol/events.js';

/**
 * The user items the server committed whose input transcription has not arrived yet. Transcription
 * comes after the answer began (often after it ended), so a session that closed as soon as its last
 * turn was answered would lose the last turn's transcript; the runner waits for these first.
 */
export class PendingTranscriptions {
  private readonly waiting = new Set<string>();

  /** @param enabled whether the session asked for `input_audio_transcription`. */
  constructor(private readonly enabled: boolean) {}

  /** Follows one server event. */
  observe(event: RealtimeEvent): void {
    if (!this.enabled) return;
    const itemId = typeof event.item_id === 'string' ? event.item_id : null;
    if (!itemId) return;
    if (event.type === 'input_audio_buffer.committed') this.waiting.add(itemId);
    else if (event.type === 'conversation.item.input_audio_transcription.completed' || event.type === 'conversation.item.input_audio_transcription.failed')
      this.waiting.delete(itemId);
  }

  /** How many committed items still await their transcription. */
  get count(): number {
    return this.waiting.size;
  }
}
