#!/usr/bin/env bash
# The steps of examples/github-actions/rtbench.yml, run locally (or by a test):
#   install → run the suite against the mock on a virtual clock → write the job summary →
#   "upload" (list) the run folder → check the JUnit file → exit with rtbench's exit code.
#
# Parameters (environment):
#   RTBENCH        the rtbench command             [npx rtbench]
#                  e.g. RTBENCH="node dist/src/cli/bin.js" inside the rtbench repository (after npm run build)
#   PROJECT_DIR    folder to run in                [.]
#   SCENARIOS      scenario files or folders       [scenarios/]
#   RTBENCH_OUT    run folder                      [reports/ci]
#   BASELINE       baseline run folder, used when it holds results.json [baselines/main]
#   REPORTERS      reporters                       [table,json,md,junit,html]
#   SKIP_INSTALL=1 skip `npm ci`
#   GITHUB_STEP_SUMMARY  where rtbench appends its Markdown summary [<RTBENCH_OUT>/step-summary.md]
#
# Exit code: rtbench's — 0 ok, 1 expectation/regression failed, 2 bad input, 3 target failed —
# or 4 when this script itself finds something wrong (a missing report file).
set -euo pipefail

cd "${PROJECT_DIR:-.}"
read -r -a rtbench <<<"${RTBENCH:-npx rtbench}"
scenarios="${SCENARIOS:-scenarios/}"
out="${RTBENCH_OUT:-reports/ci}"
baseline_dir="${BASELINE:-baselines/main}"
reporters="${REPORTERS:-table,json,md,junit,html}"

step() { printf '\n== %s\n' "$*" >&2; }

if [ "${SKIP_INSTALL:-0}" != "1" ]; then
  step "npm ci"
  npm ci
fi

# Like Actions: rtbench appends its summary to $GITHUB_STEP_SUMMARY when the variable is set.
mkdir -p "$out"
if [ -z "${GITHUB_STEP_SUMMARY:-}" ]; then
  export GITHUB_STEP_SUMMARY="$out/step-summary.md"
  : >"$GITHUB_STEP_SUMMARY"
fi
export CI="${CI:-true}"

baseline=()
if [ -f "$baseline_dir/results.json" ]; then baseline=(--baseline "$baseline_dir"); fi

step "${rtbench[*]} run $scenarios --clock virtual --reporter $reporters --out $out ${baseline[*]:-}"
set +e
# shellcheck disable=SC2086 # $scenarios may name several paths
"${rtbench[@]}" run $scenarios --clock virtual --reporter "$reporters" --out "$out" ${baseline[@]+"${baseline[@]}"}
code=$?
set -e

step "run folder (the workflow uploads it as an artifact)"
ls -l "$out" >&2 || true

# Bad input (2) means nothing ran and no reports exist; otherwise the reports asked for must be there.
if [ "$code" != "2" ]; then
  missing=0
  expect_file() { [ -s "$out/$1" ] || { echo "ci-local: $out/$1 is missing" >&2; missing=1; }; }
  expect_file results.json
  case ",$reporters," in *,md,*) expect_file report.md ;; esac
  case ",$reporters," in *,junit,*) expect_file junit.xml ;; esac
  case ",$reporters," in *,html,*) expect_file report.html ;; esac
  [ -s "$GITHUB_STEP_SUMMARY" ] || { echo "ci-local: rtbench wrote no step summary to $GITHUB_STEP_SUMMARY" >&2; missing=1; }
  if [ "$missing" = "1" ] && [ "$code" = "0" ]; then code=4; fi
fi

step "gate"
case "$code" in
  0) echo "rtbench: all expectations held" >&2 ;;
  1) echo "rtbench: an expectation or a baseline regression failed (see $out/report.md)" >&2 ;;
  2) echo "rtbench: bad input (scenario, config, audio or flag) — nothing was run" >&2 ;;
  3) echo "rtbench: the target failed (unreachable, auth refused, every session errored)" >&2 ;;
  4) echo "ci-local: rtbench exited 0 but a report file is missing" >&2 ;;
  *) echo "rtbench: did not finish (exit code $code)" >&2 ;;
esac
exit "$code"
