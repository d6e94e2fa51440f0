import { PlaybackModel } from '../metrics/playback.js';

/** What the client does when the user talks over the assistant: stop an item's playback at `playedMs`. */
export interface PlaybackStop {
  itemId: string;
  playedMs: number;
}

/**
 * The client's simulated real-time player of assistant audio, one {@link PlaybackModel} per output
 * item: it knows what is playing and how much was heard, and cuts playback on barge-in (the caller
 * then truncates the item on the server to what was heard).
 */
export class AssistantPlayback {
  private readonly players = new Map<string, PlaybackModel>();
  private readonly responseOfItem = new Map<string, string>();

  /** `ms` of item `itemId` (of response `responseId`) arrived at `t`; returns whether this started the item's playback. */
  receive(responseId: string, itemId: string, t: number, ms: number): { started: boolean; player: PlaybackModel } {
    if (!this.responseOfItem.has(itemId)) this.responseOfItem.set(itemId, responseId);
    let player = this.players.get(itemId);
    const started = !player;
    if (!player) {
      player = new PlaybackModel();
      this.players.set(itemId, player);
    }
    player.receive(t, ms);
    return { started, player };
  }

  /** The user started speaking at `t`: every item still playing stops; returns what each had played. */
  stopAll(t: number): PlaybackStop[] {
    const stops: PlaybackStop[] = [];
    for (const [itemId, player] of this.players) {
      if (!player.isPlayingAt(t)) continue;
      stops.push({ itemId, playedMs: player.stop(t) });
    }
    return stops;
  }

  /**
   * When every item will have played out, given the audio received so far (−∞ when nothing played):
   * the instant the user has heard the assistant to the end.
   */
  playoutEndT(): number {
    let end = -Infinity;
    for (const player of this.players.values()) end = Math.max(end, player.playoutEndT ?? -Infinity);
    return end;
  }

  /** The response whose audio item `itemId` is. */
  responseOf(itemId: string): string | undefined {
    return this.responseOfItem.get(itemId);
  }

  playerOf(itemId: string | null): PlaybackModel | undefined {
    return itemId ? this.players.get(itemId) : undefined;
  }
}
