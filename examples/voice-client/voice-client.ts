// A small voice client on the official `openai` SDK's realtime WebSocket client (OpenAIRealtimeWS):
// it streams microphone audio in real time, "plays" the assistant's audio at real-time speed, stops
// and truncates at what was actually played when the user barges in, runs tools and asks for the
// spoken answer, and reconnects once if the connection drops. Its test is voice-client.test.ts.
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';

export interface VoiceClientOptions {
  baseURL: string;
  apiKey?: string;
  /** Extra CA certificate (a local TLS test server). */
  ca?: string;
  /** Tools the assistant may call: name → implementation (JSON Schema in `schemas`). */
  tools?: Record<string, (args: Record<string, unknown>) => Promise<string> | string>;
  schemas?: Record<string, Record<string, unknown>>;
  /** Let the server cancel its answer when the user talks over it [true]. */
  interruptResponse?: boolean;
  /** Reconnect after an unexpected close [true]. */
  reconnect?: boolean;
}

/** The assistant audio being "played" (real time from its first delta). */
interface Playback {
  itemId: string;
  startedAt: number;
  receivedMs: number;
}

export class VoiceClient {
  rt: OpenAIRealtimeWS | undefined;
  readonly errors: Array<{ type: string; code?: string | null; message: string }> = [];
  readonly toolRuns: Array<{ name: string; args: Record<string, unknown> }> = [];
  protected playback: Playback | undefined;
  protected responseActive = false;
  protected closedByUser = false;
  private reconnects = 0;

  constructor(protected readonly opts: VoiceClientOptions) {}

  protected now(): number {
    return performance.now();
  }

  async connect(): Promise<void> {
    const client = new OpenAI({ apiKey: this.opts.apiKey ?? 'sk-test', baseURL: this.opts.baseURL });
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { ca: this.opts.ca } }, client);
    this.rt = rt;
    // Server `error` events arrive in onEvent too; this listener keeps the SDK from throwing on them.
    rt.on('error', () => undefined);
    rt.on('event', (e) => void this.onEvent(e as unknown as Record<string, unknown> & { type: string }));
    rt.socket.on('close', () => {
      if (this.rt === rt && !this.closedByUser && this.opts.reconnect !== false && this.reconnects++ < 1) this.connect().catch(() => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      rt.socket.once('open', () => resolve());
      rt.socket.once('error', reject);
    });
    rt.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        audio: { input: { turn_detection: { type: 'server_vad', interrupt_response: this.opts.interruptResponse ?? true } } },
        tools: Object.entries(this.opts.schemas ?? {}).map(([name, parameters]) => ({ type: 'function', name, parameters })),
      },
    });
  }

  /** Streams PCM16 24 kHz like a microphone: 20 ms chunks, each when its audio has been "captured". */
  async speak(pcm: Int16Array): Promise<void> {
    const chunk = 480;
    const start = this.now();
    for (let k = 0; k * chunk < pcm.length; k++) {
      const due = start + (k + 1) * 20;
      await new Promise((r) => setTimeout(r, Math.max(0, due - this.now())));
      const part = pcm.subarray(k * chunk, (k + 1) * chunk);
      this.rt?.send({ type: 'input_audio_buffer.append', audio: Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('base64') });
    }
  }

  /** Audio of the current item played so far: real time since its first delta, capped at what arrived. */
  playedMs(): number {
    if (!this.playback) return 0;
    return Math.min(this.now() - this.playback.startedAt, this.playback.receivedMs);
  }

  close(): void {
    this.closedByUser = true;
    this.rt?.close();
  }

  protected async onEvent(e: Record<string, unknown> & { type: string }): Promise<void> {
    switch (e.type) {
      case 'error':
        this.errors.push(e.error as never);
        break;
      case 'response.created':
        this.responseActive = true;
        break;
      case 'response.done':
        this.responseActive = false;
        break;
      case 'response.output_audio.delta': {
        const ms = Buffer.byteLength(String(e.delta), 'base64') / 48;
        const current = this.playback;
        const p: Playback = current && current.itemId === e.item_id ? current : { itemId: String(e.item_id), startedAt: this.now(), receivedMs: 0 };
        p.receivedMs += ms;
        this.playback = p;
        break;
      }
      case 'input_audio_buffer.speech_started':
        this.onBargeIn();
        break;
      case 'response.function_call_arguments.done':
        await this.runTool(String(e.name), String(e.call_id), String(e.arguments));
        break;
    }
  }

  /** The user talks: if the assistant is still audible, stop and tell the server what was heard. */
  protected onBargeIn(): void {
    const p = this.playback;
    if (!p) return;
    const played = this.playedMs();
    this.playback = undefined;
    if (played >= p.receivedMs) return; // finished playing: nothing to cut
    this.rt?.send({ type: 'conversation.item.truncate', item_id: p.itemId, content_index: 0, audio_end_ms: Math.floor(played) });
  }

  protected async runTool(name: string, callId: string, argsJson: string): Promise<void> {
    const impl = this.opts.tools?.[name];
    const args = JSON.parse(argsJson) as Record<string, unknown>;
    this.toolRuns.push({ name, args });
    const output = impl ? await impl(args) : JSON.stringify({ error: `unknown tool ${name}` });
    this.rt?.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: callId, output } });
    this.rt?.send({ type: 'response.create' });
  }
}
