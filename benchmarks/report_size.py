"""How big the report of a large run is, and how fast headless chromium opens it.

    .venv/bin/python benchmarks/report_size.py            # 500 documents x 10 methods
    .venv/bin/python benchmarks/report_size.py --docs 100 --methods lead,textrank,position

Builds a dataset of the first ``--docs`` distinct articles of the shared evaluation data
(news_writer_summaries, cnndm_summeval_dev, newsroom_human60, then FRANK's sources), runs
``summarize bench`` on it (resumable: a second call reuses the run), writes the report with
``summarize report``, then opens it ``--repeat`` times in Debian's headless chromium (a fresh
profile each time) and prints one table: the page's size, the time to write it, and the time
from navigation to the load event and to the first document shown, against the issue's limits.
Times depend on the machine and its load; say so when you quote them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
SOURCES = (
    "news_writer_summaries.jsonl",
    "cnndm_summeval_dev.jsonl",
    "newsroom_human60.jsonl",
    "factuality_frank.jsonl",
)
METHODS = "lead,textrank,lexrank,kl,position,luhn,lsa,sumbasic,edmundson,reduction"
LIMIT_MB = 15.0
LIMIT_SECONDS = 2.0


def build_dataset(path: Path, count: int) -> int:
    """Write the first ``count`` distinct articles of the shared data to ``path``."""
    seen: set[str] = set()
    rows = []
    for name in SOURCES:
        with (DATA / name).open(encoding="utf-8") as stream:
            for line in stream:
                item = json.loads(line)
                key = item.get("doc_id") or item["id"]
                if key in seen or not item.get("source", "").strip():
                    continue
                seen.add(key)
                row = {"id": key, "source": item["source"], "references": item["references"]}
                if "text_format" in item:
                    row["text_format"] = item["text_format"]
                rows.append(json.dumps(row, ensure_ascii=False))
                if len(rows) == count:
                    break
        if len(rows) == count:
            break
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def open_times(page: Path, repeat: int) -> list[tuple[float, float]]:
    """(load event, first document shown) in seconds since navigation, one per fresh browser."""
    sys.path.insert(0, str(REPO))
    from tests.report.browser import available, chromium

    if not available():
        raise SystemExit("chromium is not installed: apt-get install -y chromium chromium-driver")
    times = []
    for _ in range(repeat):
        with chromium() as driver:
            driver.get("about:blank")
            driver.get(page.as_uri())
            load, shown = driver.execute_script(
                "const n = performance.getEntriesByType('navigation')[0];"
                "return [n.loadEventEnd, performance.getEntriesByName('report-ready')[0]"
                " ? performance.getEntriesByName('report-ready')[0].startTime : n.loadEventEnd];"
            )
            times.append((load / 1000, shown / 1000))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--methods", default=METHODS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "summarize-report-bench"
    )
    args = parser.parse_args()
    summarize = REPO / ".venv" / "bin" / "summarize"
    methods = args.methods.split(",")
    work = args.work / f"{args.docs}x{len(methods)}"
    work.mkdir(parents=True, exist_ok=True)
    dataset = work / "articles.jsonl"
    if not dataset.exists():
        build_dataset(dataset, args.docs)
    run = work / "run"
    started = time.perf_counter()
    subprocess.run(
        [str(summarize), "bench", str(dataset), "--methods", args.methods, "--sentences", "3",
         "--out", str(run), "--workers", str(args.workers)],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    bench_seconds = time.perf_counter() - started
    page = work / "report.html"
    started = time.perf_counter()
    subprocess.run(
        [str(summarize), "report", str(run), "--output", str(page)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    write_seconds = time.perf_counter() - started
    size_mb = page.stat().st_size / 1e6
    times = open_times(page, args.repeat)
    loads = [t[0] for t in times]
    shown = [t[1] for t in times]
    docs = sum(1 for line in dataset.read_text().splitlines() if line.strip())
    print(f"report of {docs} documents x {len(methods)} methods ({page})")
    print(f"(bench: {bench_seconds:.1f} s, resumed if it ran before; machine load affects times)")
    print()
    print("| measure | value | limit |")
    print("|---|--:|--:|")
    print(f"| HTML size | {size_mb:.2f} MB | {LIMIT_MB:.0f} MB |")
    print(f"| summarize report (write) | {write_seconds:.1f} s | – |")
    print(
        f"| open: load event (median of {len(loads)}; min–max) | {statistics.median(loads):.2f} s "
        f"({min(loads):.2f}–{max(loads):.2f}) | {LIMIT_SECONDS:.0f} s |"
    )
    print(
        f"| open: first document shown (median) | {statistics.median(shown):.2f} s "
        f"({min(shown):.2f}–{max(shown):.2f}) | {LIMIT_SECONDS:.0f} s |"
    )


if __name__ == "__main__":
    main()
