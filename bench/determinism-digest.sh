#!/bin/sh
# Digest of a virtual-clock run of the default suite (scenarios/): sha256 of samples.jsonl and
# traces.jsonl. Two builds whose digests match measure byte-identically (the check a refactor that
# must not change behaviour is held to). Usage: sh bench/determinism-digest.sh [seed] (after npm run build)
set -e
seed=${1:-11}
out=$(mktemp -d)
node dist/cli/rtbench.js run scenarios --clock virtual --seed "$seed" --concurrency 3 --ramp 500ms --quiet --reporter json --out "$out" > /dev/null || true
cd "$out" && sha256sum samples.jsonl traces.jsonl && wc -l samples.jsonl | sed 's/^/lines: /'
rm -rf "$out"
