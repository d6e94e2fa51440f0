/**
 * An assistant answer of any length for a scripted `answerWithAudio({ms})`: the assistant clip,
 * repeated as often as needed and cut to `ms` (transcript words repeated in proportion).
 */
import { bytesPerMsOf, type AudioFormat } from '../../protocol/session.js';
import type { AssistantAudio, AssistantClip } from './assistant-audio.js';

export function clipOfLength(assistant: AssistantAudio, format: AudioFormat, ms: number): AssistantClip {
  const whole = assistant.clip(format);
  if (ms <= whole.ms || whole.bytes.byteLength === 0) return assistant.clip(format, ms);
  const perMs = bytesPerMsOf(format);
  let n = Math.round(ms * perMs);
  if (format === 'pcm16') n -= n % 2;
  const bytes = new Uint8Array(n);
  for (let at = 0; at < n; at += whole.bytes.byteLength) bytes.set(whole.bytes.subarray(0, Math.min(whole.bytes.byteLength, n - at)), at);
  const words = whole.transcript.split(/\s+/).filter(Boolean);
  const count = Math.round((words.length * (n / perMs)) / whole.ms);
  const transcript = Array.from({ length: count }, (_, i) => words[i % words.length]).join(' ');
  return { bytes, ms: n / perMs, transcript };
}
