"""Atomic writes: whole files or none, usual permissions, errors that name the user's path."""

import os

import pytest

from summarize.files import atomic_text_file, write_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_text_file(target) as stream:
        stream.write("half")
        raise RuntimeError("stop")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_text_and_bytes_are_written_whole_into_a_new_folder(tmp_path):
    write_atomic(tmp_path / "a" / "b.txt", "é\n")
    write_atomic(tmp_path / "a" / "c.bin", b"\x89PNG")
    assert (tmp_path / "a" / "b.txt").read_text(encoding="utf-8") == "é\n"
    assert (tmp_path / "a" / "c.bin").read_bytes() == b"\x89PNG"


def test_a_missing_folder_is_named_not_the_temporary_file(tmp_path):
    target = tmp_path / "missing" / "out.txt"
    with pytest.raises(FileNotFoundError) as caught, atomic_text_file(target) as stream:
        stream.write("x")
    assert caught.value.filename == str(target)
