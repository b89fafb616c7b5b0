"""Drive Debian's headless chromium through selenium and its chromium-driver.

Nothing is downloaded: the driver path is given to selenium's ``Service``, so selenium-manager
never runs. Without chromium the browser tests skip and say how to install it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
INSTALL_HINT = (
    "headless chromium is not installed; install it with: "
    "apt-get update && apt-get install -y chromium chromium-driver"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
)


def available() -> bool:
    """Whether chromium and its driver are installed."""
    return Path(CHROMIUM).is_file() and Path(DRIVER).is_file()


@contextmanager
def chromium(*, javascript: bool = True) -> Iterator[Any]:
    """A headless chromium WebDriver with a fresh profile; skips the test without chromium."""
    if not available():
        pytest.skip(INSTALL_HINT)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="summarize-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        if not javascript:
            options.add_experimental_option(
                "prefs", {"profile.managed_default_content_settings.javascript": 2}
            )
        driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
        try:
            yield driver
        finally:
            driver.quit()
