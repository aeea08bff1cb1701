"""National scale (ADR 0054): DuckDB within the limit and spill folder fupin sets, spill files
removed after a run and after a crash; Spark writes its own result, equal to DuckDB's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from fupin.households.exporter import write_generated
from fupin_engine.executors import duckdb_config, get_executor
from fupin_engine.generate import generate
from fupin_engine.run import run_to_file
from fupin_engine.source import SnapshotSource
from tests import factories

MIB = 2**20


def _setting(con, name: str) -> str:
    return con.execute(f"SELECT current_setting('{name}')").fetchone()[0]


def _bytes(text: str) -> float:
    number, unit = text.split()
    return float(number) * {"KiB": 2**10, "MiB": MIB, "GiB": 2**30, "TiB": 2**40}[unit]


def test_connections_take_the_limit_spill_folder_and_threads_from_the_environment(
        tmp_path, monkeypatch):
    monkeypatch.setenv("FUPIN_DUCKDB_MEMORY_LIMIT", "300MiB")
    monkeypatch.setenv("FUPIN_DUCKDB_TEMP_DIR", str(tmp_path / "spill"))
    monkeypatch.setenv("FUPIN_DUCKDB_THREADS", "1")
    conn = duckdb_config.connect()
    try:
        assert _bytes(_setting(conn.con, "memory_limit")) == pytest.approx(300 * MIB, rel=0.01)
        assert Path(_setting(conn.con, "temp_directory")).parent == tmp_path / "spill"
        assert _setting(conn.con, "threads") == 1
        assert _setting(conn.con, "preserve_insertion_order") is False
    finally:
        conn.close()


def test_a_fraction_is_a_share_of_the_machines_memory(monkeypatch):
    ram = duckdb_config.total_memory()
    monkeypatch.setenv("FUPIN_DUCKDB_MEMORY_LIMIT", "0.25")
    with duckdb_config.connect() as con:
        assert _bytes(_setting(con, "memory_limit")) == pytest.approx(ram / 4, rel=0.02)
    monkeypatch.delenv("FUPIN_DUCKDB_MEMORY_LIMIT")
    with duckdb_config.connect() as con:  # the default: half of RAM, not DuckDB's 80 %
        assert _bytes(_setting(con, "memory_limit")) == pytest.approx(ram / 2, rel=0.02)


@pytest.mark.parametrize("value", ["lots", "1.5", "0", "-2GiB"])
def test_a_bad_limit_is_refused_naming_the_variable(value):
    with pytest.raises(ValueError, match="FUPIN_DUCKDB_MEMORY_LIMIT"):
        duckdb_config.memory_limit(value)


def test_the_spill_folder_is_used_beyond_the_limit_and_removed_on_close(tmp_path):
    conn = duckdb_config.connect(memory="64MiB", temp_dir=str(tmp_path), threads=1)
    # 16M rows of 8 bytes: twice the limit, so the table is offloaded to the spill folder.
    conn.con.execute("CREATE TABLE big AS SELECT hash(i) AS h FROM range(16000000) t(i)")
    assert conn.spilled_bytes() > 0
    assert any(conn.spill.iterdir())
    conn.close()
    assert not conn.spill.exists()
    assert list(tmp_path.iterdir()) == []


CRASH = textwrap.dedent("""
    import os, sys
    from fupin_engine.executors import duckdb_config
    conn = duckdb_config.connect(memory="64MiB", temp_dir=sys.argv[1], threads=1)
    conn.con.execute("CREATE TABLE big AS SELECT hash(i) AS h FROM range(16000000) t(i)")
    print(conn.spill, flush=True)
    os.kill(os.getpid(), 9)
""")


def test_spill_files_of_a_killed_run_are_removed_by_the_next_one(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path)], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    left = Path(done.stdout.strip())
    assert left.parent == tmp_path
    assert any(left.iterdir())
    other = tmp_path / "not-ours"
    other.mkdir()
    with duckdb_config.connect(temp_dir=str(tmp_path)):
        assert not left.exists()
        assert other.exists()  # only folders fupin named for a process no longer alive
        assert len([p for p in tmp_path.iterdir() if p.name.startswith("run-")]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-ours"]


@pytest.fixture(scope="module")
def snapshot_folder(tmp_path_factory):
    snap = generate(county_code="513431000000",
                    villages=[factories.HOME_VILLAGE, factories.OTHER_TOWNSHIP_VILLAGE],
                    households=300, years=[2020, 2021], seed=41)
    root = tmp_path_factory.mktemp("scale") / "parquet"
    write_generated(root, "parquet", snap)
    return root


def _to_file(engine: str, folder: Path, out: str):
    executor = get_executor(engine, SnapshotSource.at(folder))
    try:
        return run_to_file("cn-national", executor, 2021, out)
    finally:
        executor.close()


@pytest.mark.slow  # Spark local mode, ~80 s; tests/test_engine_parity.py runs Spark in make test
def test_spark_writes_the_result_itself_equal_to_duckdb(snapshot_folder, tmp_path):
    """Local file: one file like DuckDB's (same rows; same bytes for CSV), no staged parts
    left; a URI: Spark's folder of part files, the same rows in household order; the same
    counts."""
    duck = _to_file("duckdb", snapshot_folder, str(tmp_path / "duck.parquet"))
    expected = pq.read_table(tmp_path / "duck.parquet")
    assert expected.num_rows == 300
    spark = _to_file("spark", snapshot_folder, str(tmp_path / "spark.parquet"))
    assert (tmp_path / "spark.parquet").is_file()
    # Same types and values; only Parquet's required/optional flags follow each engine's
    # statistics (Spark knows its ``rules`` are never NULL), so compare under one schema.
    assert pq.read_table(tmp_path / "spark.parquet").cast(expected.schema).equals(expected)
    assert spark.counts == duck.counts
    assert spark.households == 300

    _to_file("duckdb", snapshot_folder, str(tmp_path / "duck.csv"))
    _to_file("spark", snapshot_folder, str(tmp_path / "spark.csv"))
    assert (tmp_path / "spark.csv").read_bytes() == (tmp_path / "duck.csv").read_bytes()

    folder = tmp_path / "shared" / "result.parquet"
    remote = _to_file("spark", snapshot_folder, folder.as_uri())
    assert folder.is_dir()
    assert len(list(folder.glob("part-*.parquet"))) >= 1
    assert pq.read_table(folder).cast(expected.schema).equals(expected)
    assert remote.counts == duck.counts
    csv_folder = tmp_path / "shared" / "result.csv"
    _to_file("spark", snapshot_folder, csv_folder.as_uri())
    ids = [pacsv.read_csv(p, convert_options=pacsv.ConvertOptions(
        column_types={"household_id": "string"})).column("household_id").to_pylist()
        for p in sorted(csv_folder.glob("part-*.csv"))]
    assert [i for part in ids for i in part] == expected.column("household_id").to_pylist()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "duck.csv", "duck.parquet", "shared", "spark.csv", "spark.parquet"]
