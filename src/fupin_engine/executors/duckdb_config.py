"""How fupin configures DuckDB for a run: memory limit, spilling, threads (ADR 0054).

DuckDB processes data larger than memory by spilling to a temporary folder, but only within
the memory limit it is given; its own default (80 % of RAM) assumes it is alone on the machine.
fupin sets the limit, the spill folder and the threads from the environment (the engine
never imports the product's settings; ``fupin.config.settings`` documents the same names):

``FUPIN_DUCKDB_MEMORY_LIMIT``
    e.g. ``10GiB``, ``4000MB``, or a fraction of the machine's memory such as ``0.5``
    (default ``0.5``: half of RAM, leaving room for the process and its neighbours).
``FUPIN_DUCKDB_TEMP_DIR``
    where DuckDB spills (default ``$FUPIN_VAR_DIR/duckdb-tmp``, the var folder as
    ``fupin.config.paths`` finds it).
    Every connection spills into its own sub-folder ``run-<pid>-<random>``, removed when it
    closes; sub-folders left by a crashed process (its pid no longer alive) are removed by the
    next connection.
``FUPIN_DUCKDB_THREADS``
    worker threads (default: DuckDB's, one per core).

``preserve_insertion_order`` is off unless a connection asks to keep it (``keep_order``): a
query that needs an order says so (``ORDER BY household_id``), and without the setting DuckDB
need not hold large results back to restore the order rows were read in.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

#: Default share of the machine's memory given to DuckDB.
DEFAULT_FRACTION = 0.5
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|KIB|MB|MIB|GB|GIB|TB|TIB)\s*$", re.I)
_PREFIX = "run-"


def total_memory() -> int:
    """Bytes of physical memory (0 when unknown)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def memory_limit(value: str | None = None) -> str:
    """The limit as DuckDB reads it (``'12GiB'``): ``value``, else the environment, else
    half of RAM. A bare number ≤ 1 is a fraction of RAM; a size keeps its unit."""
    text = (value if value is not None
            else os.environ.get("FUPIN_DUCKDB_MEMORY_LIMIT", "")).strip()
    if not text:
        text = str(DEFAULT_FRACTION)
    if _SIZE.match(text):
        return text.replace(" ", "")
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"FUPIN_DUCKDB_MEMORY_LIMIT={text!r}: give a size such as 10GiB or "
                         "a fraction of the machine's memory such as 0.5") from None
    if not 0 < number <= 1:
        raise ValueError(f"FUPIN_DUCKDB_MEMORY_LIMIT={text!r}: a fraction is above 0 and at "
                         "most 1 (or give a size such as 10GiB)")
    ram = total_memory()
    if not ram:
        return "4GiB"
    return f"{max(int(ram * number) // 2**20, 256)}MiB"


def temp_root(value: str | None = None) -> Path:
    """The folder under which runs spill (not yet created)."""
    text = value or os.environ.get("FUPIN_DUCKDB_TEMP_DIR", "")
    if text:
        return Path(text)
    # The product's var folder, by fupin.config.paths' rule (the engine does not import it).
    home = Path(os.environ.get("FUPIN_HOME", Path.cwd()))
    return Path(os.environ.get("FUPIN_VAR_DIR", home / "var")).resolve() / "duckdb-tmp"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(root: Path) -> list[Path]:
    """Remove spill folders of processes no longer running (a crash or a kill -9); return
    them. Folders of live processes, and anything not named by fupin, are left alone."""
    removed = []
    if not root.is_dir():
        return removed
    for child in root.iterdir():
        parts = child.name.split("-")
        if not (child.is_dir() and child.name.startswith(_PREFIX) and len(parts) == 3
                and parts[1].isdigit()):
            continue
        if int(parts[1]) != os.getpid() and not _alive(int(parts[1])):
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


@dataclass
class Settings:
    memory_limit: str
    temp_dir: Path
    threads: int | None


def settings(*, memory: str | None = None, temp_dir: str | None = None,
             threads: int | None = None) -> Settings:
    """What a connection gets: the arguments, else the environment, else the defaults."""
    if threads is None and os.environ.get("FUPIN_DUCKDB_THREADS"):
        threads = int(os.environ["FUPIN_DUCKDB_THREADS"])
    return Settings(memory_limit(memory), temp_root(temp_dir), threads)


class Connection:
    """A DuckDB connection with fupin's limits and its own spill folder, removed on close
    (use as a context manager or call :meth:`close`). ``keep_order``: rows keep the order
    they are read in (for numbering a file's rows); otherwise only ORDER BY orders."""

    def __init__(self, *, memory: str | None = None, temp_dir: str | None = None,
                 threads: int | None = None, keep_order: bool = False) -> None:
        self.settings = settings(memory=memory, temp_dir=temp_dir, threads=threads)
        root = self.settings.temp_dir
        root.mkdir(parents=True, exist_ok=True)
        remove_stale(root)
        self.spill = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=root))
        self.con = duckdb.connect(config={
            "memory_limit": self.settings.memory_limit,
            "temp_directory": str(self.spill),
            # keep_order: for queries numbering rows as read (``row_number() OVER ()``).
            "preserve_insertion_order": keep_order,
            **({"threads": int(self.settings.threads)} if self.settings.threads else {}),
        })
        self.con.execute("SET enable_progress_bar = false")

    def spilled_bytes(self) -> int:
        """Bytes DuckDB holds in its temporary files now."""
        try:
            rows = self.con.execute("SELECT coalesce(sum(size), 0) FROM "
                                    "duckdb_temporary_files()").fetchall()
        except duckdb.Error:
            return 0
        return int(rows[0][0])

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            shutil.rmtree(self.spill, ignore_errors=True)

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        return self.con

    def __exit__(self, *exc) -> None:
        self.close()


def connect(**options) -> Connection:
    return Connection(**options)
