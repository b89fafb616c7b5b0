#!/usr/bin/env bash
# Offline demo of the llm method: start the loopback fake OpenAI-compatible server from the
# tests, then summarize the Modi–Putin article through it with citations and the guard.
# Usage: benchmarks/llm_demo.sh [PORT] [extra `summarize brief` options…]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
SUMMARIZE="${SUMMARIZE:-.venv/bin/summarize}"
PORT="${1:-8765}"
shift || true
export SUMMARIZE_CACHE_DIR="${SUMMARIZE_CACHE_DIR:-$(mktemp -d)}"

"$PYTHON" -m tests.llm.fake_openai_server --port "$PORT" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 50); do  # wait until the server answers
    "$PYTHON" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/v1/models')" \
        2>/dev/null && break
    sleep 0.1
done

BASE="http://127.0.0.1:$PORT/v1"
echo "== a cited briefing (markdown)"
"$SUMMARIZE" brief benchmarks/modi_putin/article.txt --method llm \
    --base-url "$BASE" --format markdown "$@"
echo
echo "== a model that invents a number: the guard flags it"
"$SUMMARIZE" brief benchmarks/modi_putin/article.txt --method llm \
    --base-url "$BASE" --model fake-invented-number "$@"
