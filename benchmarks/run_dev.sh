#!/usr/bin/env bash
# The dev suite: every offline (extractive) method on the two shared dev sets, 3 sentences.
#
#   benchmarks/run_dev.sh                       # all methods `summarize methods` lists as extractive
#   METHODS=lead,textrank benchmarks/run_dev.sh # only these
#   OUT=results/dev-2 WORKERS=2 benchmarks/run_dev.sh
#
# Extra arguments go to `summarize bench` (e.g. --force, --limit 10). Rerunning resumes.
# Writes results/dev/{results.jsonl,leaderboard.md,.csv,.json,leaderboard.png,run.json}.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$REPO/../shared/data}"
OUT="${OUT:-results/dev}"
SUMMARIZE="${SUMMARIZE:-$REPO/.venv/bin/summarize}"
[ -x "$SUMMARIZE" ] || SUMMARIZE=summarize

if [ -z "${METHODS:-}" ]; then
    # Whatever is installed today: the extractive family runs offline.
    METHODS="$("$SUMMARIZE" methods --json | python3 -c '
import json, sys
names = [m["name"] for m in json.load(sys.stdin) if m["family"] == "extractive"]
print(",".join(sorted(names, key=lambda n: (n != "lead", n))))')"
fi

args=(bench "$DATA/cnndm_summeval_dev.jsonl" "$DATA/news_writer_summaries.jsonl"
      --methods "$METHODS" --sentences 3 --out "$OUT")
[ -n "${WORKERS:-}" ] && args+=(--workers "$WORKERS")

started=$(date +%s.%N)
"$SUMMARIZE" "${args[@]}" "$@"
ended=$(date +%s.%N)
printf 'dev suite: %.1f s wall clock on %s CPUs (%s)\n' \
    "$(echo "$ended - $started" | bc)" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)" >&2
