"""How much ``summarize bench --concurrency`` buys against a slow LLM server.

Starts the loopback fake OpenAI-compatible server of the tests with a fixed delay per answer
(default 1 s, a small model on a busy server), then runs the real CLI, ``summarize bench`` with
the ``llm`` method on the same documents at each concurrency, cache off, and prints a table:
wall time, documents per second, the most requests the server answered at once, and the
speed-up over one at a time. Offline; needs nothing but this repository.

    python benchmarks/llm_concurrency.py                   # 60 documents, concurrency 1 and 32
    python benchmarks/llm_concurrency.py --documents 200 --concurrency 1 8 32 64 --delay 0.5

The documents are the first rows of ``../shared/data/news_writer_summaries.jsonl`` when it is
there (real article lengths, so scoring costs what it costs), else made-up articles.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.bench.conftest import write_dataset  # noqa: E402
from tests.llm.fake_openai_server import FakeOpenAIServer  # noqa: E402

SHARED = REPO.parent / "shared" / "data" / "news_writer_summaries.jsonl"


def make_dataset(path: Path, count: int) -> str:
    """Write ``count`` documents to ``path``; say where they came from."""
    if SHARED.is_file():
        lines = SHARED.read_text(encoding="utf-8").splitlines()[:count]
        if len(lines) == count:
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return f"the first {count} rows of {SHARED.name}"
    write_dataset(path, count)
    return f"{count} made-up articles"


def run(server: FakeOpenAIServer, dataset: Path, out: Path, concurrency: int) -> dict[str, float]:
    """One ``summarize bench`` run; its wall time and the server's peak of requests at once."""
    with server.state.lock:
        server.state.max_in_flight = 0
        asked = len(server.state.requests)
    command = [
        str(Path(sys.executable).with_name("summarize")), "bench", str(dataset),
        "--methods", "llm", "--out", str(out), "--concurrency", str(concurrency),
        "--param", f"llm.base_url={server.base_url}", "--param", "llm.model=fake",
        "--param", "llm.cache=false",
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, env=os.environ | {"NO_COLOR": "1"}
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"summarize bench failed:\n{done.stderr}")
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    failed = sum(r["status"] != "ok" for r in rows)
    return {
        "seconds": seconds,
        "rows": len(rows),
        "failed": failed,
        "in_flight": server.state.max_in_flight,
        "requests": len(server.state.requests) - asked,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 32])
    parser.add_argument("--delay", type=float, default=1.0, help="seconds per answer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, FakeOpenAIServer(delay=args.delay) as server:
        folder = Path(scratch)
        source = make_dataset(folder / "docs.jsonl", args.documents)
        os.environ["SUMMARIZE_CACHE_DIR"] = str(folder / "cache")
        print(
            f"summarize bench --methods llm on {source}; loopback server, {args.delay:g} s per "
            f"answer; {os.cpu_count()} CPUs\n"
        )
        print(
            "| concurrency | docs | failed | requests | wall s | docs/s | most in flight | speed-up |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        baseline = None
        for concurrency in args.concurrency:
            measured = run(
                server, folder / "docs.jsonl", folder / f"out-{concurrency}", concurrency
            )
            baseline = baseline or measured["seconds"]
            print(
                f"| {concurrency} | {measured['rows']} | {measured['failed']} | "
                f"{measured['requests']} | {measured['seconds']:.1f} | "
                f"{measured['rows'] / measured['seconds']:.2f} | {measured['in_flight']} | "
                f"{baseline / measured['seconds']:.1f}× |",
                flush=True,
            )


if __name__ == "__main__":
    main()
