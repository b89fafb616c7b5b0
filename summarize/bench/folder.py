"""A benchmark's output folder: its lock, its ``run.json`` record, and moving old results aside.

Only the process that runs the benchmark holds the lock (an advisory ``flock`` on ``.lock``,
which the kernel releases the moment that process dies, however it dies); its workers close
their inherited copy at once. Who holds the folder is written in ``.lock`` and in the session
list of ``run.json`` (process id, host, start time, command), so a refused second run can say
who is writing, and a run that finds the record of a session that died without finishing
(status ``running``, its process gone) takes the folder over and says so.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; one run per folder is then up to the user
    fcntl = None  # type: ignore[assignment]

from summarize.bench.results import RESULTS_FILE_NAME
from summarize.errors import ResultsConflictError
from summarize.files import write_atomic

__all__ = [
    "LOCK_FILE_NAME",
    "OUTPUT_FILE_NAMES",
    "RUN_FILE_NAME",
    "LockHolder",
    "ResultsFolder",
    "conflict_message",
    "now",
]

RUN_FILE_NAME = "run.json"
LOCK_FILE_NAME = ".lock"
OUTPUT_FILE_NAMES = (
    RESULTS_FILE_NAME,
    RUN_FILE_NAME,
    "leaderboard.md",
    "leaderboard.csv",
    "leaderboard.json",
    "leaderboard.png",
)
"""Everything a run writes into its folder (and what ``force`` moves aside)."""


def now() -> str:
    """The current UTC time, ISO 8601 to the second (what ``run.json`` records)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class LockHolder:
    """The process that holds (or held) a results folder."""

    pid: int
    host: str
    started: str
    command: str = ""

    @classmethod
    def this_process(cls, command: str) -> LockHolder:
        """This process, starting now."""
        return cls(os.getpid(), socket.gethostname(), now(), command)

    @classmethod
    def from_dict(cls, value: Any) -> LockHolder | None:
        """Read a holder record; ``None`` if ``value`` is not one."""
        if not isinstance(value, Mapping):
            return None
        pid, host = value.get("pid"), value.get("host")
        if not isinstance(pid, int) or isinstance(pid, bool) or not isinstance(host, str):
            return None
        return cls(pid, host, str(value.get("started") or "?"), str(value.get("command") or ""))

    def to_dict(self) -> dict[str, Any]:
        """The record written into ``.lock`` and ``run.json``."""
        return {
            "pid": self.pid,
            "host": self.host,
            "started": self.started,
            "command": self.command,
        }

    def is_alive(self) -> bool:
        """Whether the process still runs (``True`` when it is on another host: we cannot tell)."""
        if self.host != socket.gethostname():
            return True
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def describe(self) -> str:
        """``pid 123 on host, since <time>: <command>``."""
        what = f"pid {self.pid} on {self.host}, since {self.started}"
        return f"{what}: {self.command}" if self.command else what


class ResultsFolder:
    """One benchmark output folder: lock it, read and write ``run.json``, move results aside."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.run_file = path / RUN_FILE_NAME
        self.lock_file = path / LOCK_FILE_NAME
        self._lock_stream: IO[str] | None = None

    @property
    def lock_fd(self) -> int | None:
        """The file descriptor holding the lock (worker processes close their copy)."""
        return self._lock_stream.fileno() if self._lock_stream is not None else None

    def lock(self, holder: LockHolder) -> LockHolder | None:
        """Take the folder for ``holder``; return the holder of a session that died unfinished.

        Raises :class:`ResultsConflictError` naming the holder when another live run has it.
        """
        if self._lock_stream is not None:
            return None
        self.path.mkdir(parents=True, exist_ok=True)
        stream = self.lock_file.open("a+", encoding="utf-8")
        if fcntl is not None:
            try:
                fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                stream.seek(0)
                other = _holder_in(stream.read())
                stream.close()
                raise ResultsConflictError(self._busy_message(other)) from None
        stream.seek(0)
        stream.truncate()
        stream.write(json.dumps(holder.to_dict()) + "\n")
        stream.flush()
        self._lock_stream = stream
        return self._dead_session()

    def unlock(self) -> None:
        """Let the folder go (closing the file releases the lock)."""
        if self._lock_stream is not None:
            stream, self._lock_stream = self._lock_stream, None
            stream.close()

    def read_run(self) -> dict[str, Any] | None:
        """The folder's ``run.json``, or ``None`` if missing or unreadable."""
        try:
            value = json.loads(self.run_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def write_run(self, record: Mapping[str, Any]) -> None:
        """Replace ``run.json`` atomically."""
        write_atomic(self.run_file, json.dumps(record, indent=2) + "\n")

    def move_aside(self) -> Path:
        """Move every output file into a new ``backup-<UTC time>`` sub-folder and return it."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        backup = self.path / f"backup-{stamp}"
        suffix = 1
        while backup.exists():
            suffix += 1
            backup = self.path / f"backup-{stamp}-{suffix}"
        backup.mkdir(parents=True)
        for name in OUTPUT_FILE_NAMES:
            if (self.path / name).exists():
                shutil.move(str(self.path / name), str(backup / name))
        return backup

    def _dead_session(self) -> LockHolder | None:
        """The holder of the last session if ``run.json`` says it was running and it is gone."""
        record = self.read_run()
        if record is None or record.get("status") != "running":
            return None
        sessions = record.get("sessions")
        last = sessions[-1] if isinstance(sessions, list) and sessions else None
        holder = LockHolder.from_dict(last.get("holder") if isinstance(last, dict) else None)
        if holder is None or holder.pid == os.getpid():
            return None
        # We hold the lock, so the recorded holder cannot be running a benchmark here any more.
        return holder

    def _busy_message(self, other: LockHolder | None) -> str:
        if other is not None and not other.is_alive():
            return (
                f"the summarize bench that held {self.path} ({other.describe()}) is gone, but a "
                f"process it started still holds {self.lock_file}: end that process "
                f"(`fuser {self.lock_file}` names it), then rerun"
            )
        who = f" ({other.describe()})" if other is not None else ""
        return (
            f"another summarize bench is writing into {self.path}{who}; "
            "wait for it to finish, or write elsewhere (out_dir=DIR)"
        )


def _holder_in(text: str) -> LockHolder | None:
    try:
        return LockHolder.from_dict(json.loads(text))
    except ValueError:
        return None


def conflict_message(
    out_dir: Path, previous: Mapping[str, Any] | None, wanted: Mapping[str, Any]
) -> str:
    """Why a folder's results cannot be resumed by this configuration, and what to do."""
    if previous is None:
        what = "results of an unknown configuration (no readable run.json)"
    else:
        old = previous.get("config")
        old = old if isinstance(old, dict) else {}
        differs = sorted(k for k in set(old) | set(wanted) if old.get(k) != wanted.get(k))
        what = (
            f"results of another configuration (different {', '.join(differs)}; "
            f"made by: {previous.get('command') or '?'})"
        )
    return (
        f"{out_dir} holds {what}; refusing to mix them: write elsewhere (out_dir=DIR), "
        "or start over with force=True (the old results move into a backup folder)"
    )
