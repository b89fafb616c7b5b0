"""The report in a real browser: Debian's headless chromium, driven by selenium.

Skipped, with the command that installs chromium, when it is not installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from summarize.report import load_run, render_report
from tests.report.browser import chromium
from tests.report.conftest import HOSTILE_ID, with_hostile_id


@pytest.fixture(scope="module")
def report_20x3(run_20x3: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "report.html"
    path.write_text(render_report(load_run(run_20x3)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser() -> Any:
    with chromium() as driver:
        yield driver


def open_page(driver: Any, path: Path, fragment: str = "") -> None:
    driver.get("about:blank")  # a fresh page load, not just a new fragment
    driver.get(path.as_uri() + fragment)
    driver.execute_script("return document.readyState")


def js(driver: Any, script: str) -> Any:
    return driver.execute_script(script)


def test_every_document_and_method_renders(browser: Any, report_20x3: Path) -> None:
    open_page(browser, report_20x3)
    keys = js(browser, "return [...document.querySelectorAll('.doc')].map(d => d.dataset.key)")
    assert keys == [f"doc-{i}" for i in range(20)]
    methods = js(
        browser,
        "return [...document.querySelectorAll('.doc')].map(d => "
        "[...d.querySelectorAll('.method')].map(m => m.dataset.method).join(','))",
    )
    assert methods == ["lead,textrank,fibber"] * 20
    assert js(browser, "return document.querySelectorAll('#doc-items li').length") == 20
    # One document at a time is laid out; the first one is shown.
    shown = js(browser, "return [...document.querySelectorAll('.doc')].filter(d => d.offsetParent)")
    assert len(shown) == 1 and shown[0].get_attribute("data-key") == "doc-0"


def test_clicking_a_briefing_sentence_highlights_its_sources(
    browser: Any, report_20x3: Path
) -> None:
    open_page(browser, report_20x3)
    item = browser.find_element(
        "css selector", ".doc.current .method[data-method=textrank] li.bl:nth-child(2)"
    )
    expected = item.get_attribute("data-src").split()
    assert expected
    item.find_element("css selector", ".bs").click()
    lit = js(browser, "return [...document.querySelectorAll('.text .hl')].map(s => s.id)")
    assert lit == [f"s0-{i}" for i in expected]
    assert "hl" in browser.find_element("id", f"s0-{expected[0]}").get_attribute("class")
    assert item.get_attribute("class").split().count("active") == 1
    # Another sentence moves the highlight.
    other = browser.find_element(
        "css selector", ".doc.current .method[data-method=lead] li.bl:nth-child(1) .bs"
    )
    other.click()
    assert js(browser, "return [...document.querySelectorAll('.text .hl')].map(s => s.id)") == [
        "s0-0"
    ]


def test_flagged_only_lists_the_documents_with_flagged_claims(
    browser: Any, report_20x3: Path
) -> None:
    open_page(browser, report_20x3)
    browser.find_element("id", "f-flagged").click()
    listed = js(browser, "return [...document.querySelectorAll('#doc-items a')].map(a => a.text)")
    # fibber changes the vote count when it is odd: documents 0, 2, 4, ... (counts 5, 7, 9, ...).
    assert listed == [f"doc-{i}" for i in range(0, 20, 2)]
    browser.find_element("id", "doc-next").click()
    assert js(browser, "return document.querySelector('.doc.current').dataset.key") == "doc-2"
    assert "flagged" in js(
        browser, "return document.querySelector('.doc.current .bl.flagged .claims').textContent"
    )


def test_worst_rouge_first_orders_the_list(browser: Any, report_20x3: Path) -> None:
    open_page(browser, report_20x3)
    js(
        browser,
        "const s = document.getElementById('f-method'); s.value = 'fibber';"
        "s.dispatchEvent(new Event('change'));"
        "const o = document.getElementById('f-order'); o.value = 'worst';"
        "o.dispatchEvent(new Event('change'));",
    )
    items = js(
        browser,
        "return [...document.querySelectorAll('#doc-items li')].map(li => "
        "[li.querySelector('a').text, li.querySelector('.score') && "
        "parseFloat(li.querySelector('.score').textContent.replace('R2', ''))])",
    )
    scores = [score for _, score in items[:-1]]
    assert len(items) == 20 and scores == sorted(scores) and len(set(scores)) > 1
    assert items[-1] == ["doc-19", None]  # no references, no ROUGE: last


def test_a_deep_link_opens_the_document_and_method(browser: Any, report_20x3: Path) -> None:
    open_page(browser, report_20x3, "#doc=doc-7&method=textrank")
    assert js(browser, "return document.querySelector('.doc.current').dataset.key") == "doc-7"
    selected = js(
        browser,
        "return [...document.querySelectorAll('.doc.current .method.selected')]"
        ".map(m => m.dataset.method)",
    )
    assert selected == ["textrank"]
    # Keyboard: next and previous document.
    body = browser.find_element("tag name", "body")
    body.send_keys("n")
    assert js(browser, "return document.querySelector('.doc.current').dataset.key") == "doc-8"
    body.send_keys("p")
    body.send_keys("p")
    assert js(browser, "return location.hash") == "#doc=doc-6"


def test_script_in_an_article_does_not_run(browser: Any, small_run: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(render_report(load_run(small_run)), encoding="utf-8")
    open_page(browser, path, "#doc=doc-1")
    assert js(browser, "return window.pwned === undefined && document.title !== 'PWNED'")
    shown = js(browser, "return document.querySelector('.doc.current .article').textContent")
    assert "<script>" in shown  # shown as text, not run


def test_a_hostile_id_stays_text_and_its_deep_link_works(
    browser: Any, small_run: Path, tmp_path: Path
) -> None:
    run_dir, dataset = with_hostile_id(small_run, tmp_path)
    path = tmp_path / "report.html"
    path.write_text(render_report(load_run(run_dir, [dataset])), encoding="utf-8")
    open_page(browser, path)
    link = browser.find_element("css selector", "#doc-items li:first-child a")
    assert link.text == HOSTILE_ID
    link.click()
    assert js(browser, "return document.querySelector('.doc.current').dataset.key") == HOSTILE_ID
    assert js(browser, "return window.pwned === undefined")


def test_without_javascript_every_document_is_readable(run_20x3: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(render_report(load_run(run_20x3)), encoding="utf-8")
    with chromium(javascript=False) as driver:
        open_page(driver, path)
        docs = driver.find_elements("css selector", ".doc")
        assert len(docs) == 20 and all(d.is_displayed() for d in docs)
        assert "js" not in (driver.find_element("tag name", "html").get_attribute("class") or "")
        # Controls that need the script are not offered; the plain list of links is.
        assert not driver.find_element("css selector", ".filters").is_displayed()
        links = driver.find_elements("css selector", "#doc-items a")
        assert len(links) == 20 and all(link.is_displayed() for link in links)


def test_screenshot(browser: Any, report_20x3: Path, tmp_path: Path) -> None:
    open_page(browser, report_20x3, "#doc=doc-4&method=fibber")
    browser.find_element("css selector", ".doc.current .method.selected .bs").click()
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_leaderboard_sorts_by_a_column(browser: Any, report_20x3: Path) -> None:
    open_page(browser, report_20x3)
    header = browser.find_element("css selector", "table.leaderboard th:nth-child(5) button")
    header.click()  # R2, descending
    values = js(
        browser,
        "return [...document.querySelectorAll('table.leaderboard tbody tr')]"
        ".map(r => parseFloat(r.cells[4].dataset.v))",
    )
    assert values == sorted(values, reverse=True)
    header.click()
    values = js(
        browser,
        "return [...document.querySelectorAll('table.leaderboard tbody tr')]"
        ".map(r => parseFloat(r.cells[4].dataset.v))",
    )
    assert values == sorted(values)
    sort = browser.find_element("css selector", "table.leaderboard th:nth-child(5)")
    assert sort.get_attribute("aria-sort") == "ascending"


def test_tabbing_to_a_briefing_sentence_highlights_its_sources(
    browser: Any, report_20x3: Path
) -> None:
    open_page(browser, report_20x3)
    link = browser.find_element(
        "css selector", ".doc.current .method[data-method=textrank] li.bl:nth-child(2) .bs"
    )
    browser.execute_script("arguments[0].focus()", link)
    sources = link.find_element("xpath", "..").get_attribute("data-src").split()
    lit = js(browser, "return [...document.querySelectorAll('.text .hl')].map(s => s.id)")
    assert lit == [f"s0-{i}" for i in sources]


def test_hovering_previews_and_leaving_restores_the_pinned_highlight(
    browser: Any, report_20x3: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(browser, report_20x3)

    def lit() -> list[str]:
        return js(browser, "return [...document.querySelectorAll('.text .hl')].map(s => s.id)")

    first = browser.find_element("css selector", ".doc.current [data-method=lead] .bl:nth-child(1)")
    second = browser.find_element(
        "css selector", ".doc.current [data-method=textrank] .bl:nth-child(2)"
    )
    first.find_element("css selector", ".bs").click()
    pinned = lit()
    ActionChains(browser).move_to_element(second.find_element("css selector", ".bs")).perform()
    assert lit() == [f"s0-{i}" for i in second.get_attribute("data-src").split()] != pinned
    ActionChains(browser).move_to_element(browser.find_element("tag name", "h1")).perform()
    assert lit() == pinned


def test_without_chromium_the_browser_tests_skip_with_an_install_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.report import browser as module

    monkeypatch.setattr(module, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium chromium-driver"):
        with chromium():
            pass
