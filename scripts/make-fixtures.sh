#!/usr/bin/env bash
# Regenerates the committed speech fixtures in fixtures/ (24 kHz mono 16-bit WAV).
#
# Requires espeak-ng and sox (Debian/Ubuntu: apt-get install espeak-ng sox). Output depends on the
# espeak-ng version (made with 1.51 and SoX 14.4.2); sox runs with -R (fixed random seeds) and -D
# (no dither), so the padding is exact digital silence and reruns are byte-identical.
#
# Each user utterance: espeak-ng speech, its own leading/trailing silence trimmed, peak-normalised
# to -3 dBFS, then padded with LEAD_S of digital silence before and TRAIL_S after.
# Afterwards the speech annotations (*.speech.json) are rewritten with the rtbench annotator from the
# compiled library (npm run build; or point RTBENCH_AUDIO_LIB at another compiled
# src/audio/index.js), unless --no-annotate is given.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=fixtures
RATE=24000
LEAD_S=0.45
TRAIL_S=0.3
USER_VOICE=en-us
USER_WPM=200
ASSISTANT_VOICE=en-gb+f3
ASSISTANT_WPM=185

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "make-fixtures: $tool not found (apt-get install espeak-ng sox)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$OUT"

# speak NAME VOICE WPM TEXT: synthesise, trim espeak's own silence (below -60 dBFS), normalise, pad.
speak() {
  local name=$1 voice=$2 wpm=$3 text=$4
  espeak-ng -v "$voice" -s "$wpm" -w "$tmp/$name.raw.wav" "$text"
  # rate first, so its filter cannot ring into the padding added last.
  sox -R -D "$tmp/$name.raw.wav" -c 1 -b 16 -e signed-integer "$OUT/$name.wav" \
    rate -v "$RATE" \
    silence 1 0.005 -60d reverse silence 1 0.005 -60d reverse \
    gain -n -3 \
    pad "$LEAD_S" "$TRAIL_S"
  echo "$OUT/$name.wav: $(soxi -D "$OUT/$name.wav") s  \"$text\""
}

speak what-time   "$USER_VOICE" "$USER_WPM" "What time is it in Tokyo?"
speak weather     "$USER_VOICE" "$USER_WPM" "What's the weather like in Paris today?"
speak tell-story  "$USER_VOICE" "$USER_WPM" "Tell me a long story about a lighthouse."
speak stop        "$USER_VOICE" "$USER_WPM" "Wait, stop, actually never mind."
speak assistant-reply "$ASSISTANT_VOICE" "$ASSISTANT_WPM" \
  "Sure! In Tokyo it is a quarter past three in the afternoon."

# Room-like noise bed: pink noise, low-passed to a rumble, about -45 dBFS RMS.
sox -R -D -n -r "$RATE" -c 1 -b 16 -e signed-integer "$OUT/noise-room.wav" \
  synth 3 pinknoise lowpass 2000 gain -n -35
echo "$OUT/noise-room.wav: $(soxi -D "$OUT/noise-room.wav") s  (pink noise bed)"

[[ "${1:-}" == "--no-annotate" ]] && exit 0

lib=${RTBENCH_AUDIO_LIB:-dist/src/audio/index.js}
[[ -f "$lib" ]] || { echo "make-fixtures: $lib not found; run npm run build first (or pass --no-annotate)" >&2; exit 1; }
RTBENCH_AUDIO_LIB=$lib node --input-type=module - <<'JS'
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
const { annotateFile } = await import(pathToFileURL(resolve(process.env.RTBENCH_AUDIO_LIB)).href);
const transcripts = {
  'what-time': 'What time is it in Tokyo?',
  'weather': "What's the weather like in Paris today?",
  'tell-story': 'Tell me a long story about a lighthouse.',
  'stop': 'Wait, stop, actually never mind.',
  'assistant-reply': 'Sure! In Tokyo it is a quarter past three in the afternoon.',
};
for (const [name, transcript] of Object.entries(transcripts)) {
  const wav = `fixtures/${name}.wav`;
  // force: the audio was just regenerated, so any previous sidecar is stale by construction.
  const { annotation } = await annotateFile(wav, { force: true, transcript, cacheDir: false });
  console.log(`${wav}: speech ${annotation.speech.map((s) => `${s.start_ms}–${s.end_ms} ms`).join(', ')}`);
}
JS
