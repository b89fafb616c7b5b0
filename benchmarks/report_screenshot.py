"""Make the README's screenshot of the report (docs/report.png).

    .venv/bin/python benchmarks/report_screenshot.py [--out docs/report.png]

Runs ``summarize bench`` on the first 20 articles of ``../shared/data/news_writer_summaries.jsonl``
with lead, textrank and ``llm`` (into a temporary folder). The ``llm`` method talks to the tests'
loopback fake server (offline, no key) as ``fake-invented-number``, a "model" that puts a number
the source does not state into one sentence, so the picture has a flagged claim to show. It then
writes the report, opens it in
Debian's headless chromium on the first document where a method has a flagged claim (else the
first document), clicks that method's first flagged (else first) sentence so its source is
highlighted, and saves a screenshot of the window.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
DATASET = REPO.parent / "shared" / "data" / "news_writer_summaries.jsonl"
METHODS = "lead,textrank,llm"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "report.png")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.llm.fake_openai_server import FakeOpenAIServer
    from tests.report.browser import chromium

    summarize = REPO / ".venv" / "bin" / "summarize"
    with (
        tempfile.TemporaryDirectory(prefix="summarize-shot-") as work,
        FakeOpenAIServer() as server,
    ):
        run = Path(work) / "run"
        page = Path(work) / "report.html"
        subprocess.run(
            [str(summarize), "bench", str(DATASET), "--methods", METHODS, "--limit", "20",
             "--out", str(run), "--workers", "2",
             "--param", f"llm.base_url={server.base_url}",
             "--param", "llm.model=fake-invented-number"],
            check=True, stdout=subprocess.DEVNULL,
            env={**os.environ, "SUMMARIZE_CACHE_DIR": str(Path(work) / "cache")},
        )  # fmt: skip
        subprocess.run(
            [str(summarize), "report", str(run), "--output", str(page)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        target = _flagged_document(page.read_text(encoding="utf-8"))
        with chromium() as driver:
            driver.set_window_size(1760, 1100)
            driver.get(page.as_uri() + target)
            driver.execute_script(
                "const doc = document.querySelector('.doc.current');"
                "const column = doc.querySelector('.method.selected') || doc;"
                "const item = column.querySelector('.bl.flagged .bs') || column.querySelector('.bs');"
                "item.click();"
                "document.getElementById('documents').scrollIntoView();"
            )
            args.out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.out))
    print(f"wrote {args.out} ({target})")


def _flagged_document(html: str) -> str:
    start = html.index('<script type="application/json" id="doc-index">') + len(
        '<script type="application/json" id="doc-index">'
    )
    index = json.loads(html[start : html.index("</script>", start)])
    for entry in index:
        for method, (_, flagged) in entry["m"].items():
            if flagged:
                return f"#doc={quote(entry['k'])}&method={quote(method)}"
    return f"#doc={quote(index[0]['k'])}"


if __name__ == "__main__":
    main()
