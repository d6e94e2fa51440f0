// Deliberately buggy variants of VoiceClient, one per bug class seen in real realtime clients.
// Their tests (buggy-clients.test.ts) show that rtbench's matchers catch each one.
import { VoiceClient } from './voice-client.js';

/**
 * Truncates at the wall-clock time since its playback started, not capped at the audio it
 * received (openai-agents-python #2370): a barge-in after the answer finished playing names audio
 * that never existed.
 */
export class TruncatesBeyondAudio extends VoiceClient {
  protected override onBargeIn(): void {
    const p = this.playback;
    if (!p) return;
    const elapsed = this.now() - p.startedAt; // BUG: not Math.min(elapsed, p.receivedMs)
    this.rt?.send({ type: 'conversation.item.truncate', item_id: p.itemId, content_index: 0, audio_end_ms: Math.floor(elapsed) });
    this.playback = undefined;
  }
}

/**
 * Truncates the current assistant item at 0 on every barge-in, even when none of its audio has
 * arrived (livekit/agents #6249).
 */
export class TruncatesAtZeroBeforeAudio extends VoiceClient {
  private assistantItemId: string | undefined;

  protected override async onEvent(e: Record<string, unknown> & { type: string }): Promise<void> {
    if (e.type === 'conversation.item.added' && (e.item as { role?: string }).role === 'assistant')
      this.assistantItemId = String((e.item as { id: string }).id);
    return super.onEvent(e);
  }

  protected override onBargeIn(): void {
    if (!this.assistantItemId) return;
    // BUG: no check that any audio of this item arrived or played.
    this.rt?.send({ type: 'conversation.item.truncate', item_id: this.assistantItemId, content_index: 0, audio_end_ms: Math.floor(this.playedMs()) });
  }
}

/**
 * Sends `response.cancel` whenever the user starts talking over the assistant, although it set
 * `interrupt_response: false` so the server would keep talking (livekit/agents #6635).
 */
export class CancelsDespiteNoInterrupt extends VoiceClient {
  protected override onBargeIn(): void {
    const playing = this.playback !== undefined && this.playedMs() < this.playback.receivedMs;
    if (playing) this.rt?.send({ type: 'response.cancel' }); // BUG: the session has interrupt_response false
    super.onBargeIn();
  }
}
