"""The built-in prompts are package data: a wheel carries them and the installed package finds them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROMPTS = ROOT / "summarize" / "prompts"


def test_prompts_are_a_real_directory_not_a_link():
    assert PROMPTS.is_dir() and not PROMPTS.is_symlink()
    assert not any(path.is_symlink() for path in PROMPTS.iterdir())
    assert not list((ROOT / "prompts").glob("*.txt"))  # one copy: the package's


def test_a_wheel_installed_package_finds_every_builtin_prompt(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "summarize", source / "summarize", ignore=shutil.ignore_patterns("__pycache__")
    )
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(wheels)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("summarize-*.whl")
    installed = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(installed)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import summarize.llm.prompts as p;"
        "print(p.__file__);"
        "print(' '.join(sorted(p.builtin_prompts())));"
        "print(p.load_prompt('briefing').user[:40])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(installed)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert Path(out[0]).is_relative_to(installed)
    assert out[1].split() == sorted(path.stem for path in PROMPTS.glob("*.txt"))
    assert out[2].strip()
