#!/bin/sh
# Digest of a virtual-clock run of the default suite (scenarios/): sha256 of samples.jsonl and
# traces.jsonl. Two builds whose digests match measure byte-identically (the check a refactor that
# must not change behaviour is held to). Usage: sh bench/determinism-digest.sh [seed] (after npm run build)
set -e
seed=${1:-11}
out=$(mktemp -d)
node dist/cli/rtbench.js run scenarios --clock virtual --seed "$seed" --concurrency 3 --ramp 500ms --quiet --reporter json --out "$out" > /dev/null || true
root=$(pwd)
# Traces name fixtures by absolute path: hash them relative to the checkout, so two checkouts compare.
cd "$out" && sed "s#$root/#./#g" traces.jsonl > traces.rel.jsonl && sha256sum samples.jsonl traces.rel.jsonl && wc -l < samples.jsonl | sed 's/^/samples: /'
rm -rf "$out"
