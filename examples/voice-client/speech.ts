// Test audio for the examples: PCM16 24 kHz "speech" (a 220 Hz tone, loud enough for server VAD)
// and silence, concatenated like a microphone recording.
export function speechThenSilence(parts: Array<['speech' | 'silence', number]>): Int16Array {
  const total = parts.reduce((n, [, ms]) => n + Math.round(ms * 24), 0);
  const pcm = new Int16Array(total);
  let at = 0;
  for (const [kind, ms] of parts) {
    const n = Math.round(ms * 24);
    if (kind === 'speech') for (let i = 0; i < n; i++) pcm[at + i] = Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / 24000));
    at += n;
  }
  return pcm;
}
