"""One generated snapshot through DuckDB, PostgreSQL and Spark (local): identical output."""

from __future__ import annotations

import os
import shutil

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from django.conf import settings
from django.core.management import call_command

from fupin.households.exporter import write_generated
from fupin_engine.executors import get_executor
from fupin_engine.generate import generate
from fupin_engine.run import provinces_present, run
from fupin_engine.source import SnapshotSource
from tests import factories
from tests.conftest import is_postgres

VILLAGES = [factories.HOME_VILLAGE, "513431100204", factories.OTHER_TOWNSHIP_VILLAGE]


def pg_dsn() -> str:
    if is_postgres():
        db = settings.DATABASES["default"]
        return f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname={db['NAME']}"
    return os.environ.get("FUPIN_TEST_PG", "host=127.0.0.1 port=5432 user=postgres dbname=test")


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    snap = generate(county_code="513431000000", villages=VILLAGES, households=400,
                    years=[2019, 2020, 2021], seed=17)
    root = tmp_path_factory.mktemp("parity")
    for fmt in ("csv", "parquet"):
        write_generated(root / fmt, fmt, snap)
    return root


def _run(engine: str, folder, year: int):
    options = {"dsn": pg_dsn()} if engine == "postgres" else {}
    executor = get_executor(engine, SnapshotSource.at(folder), **options)
    try:
        return run("cn-national", executor, year).output()
    finally:
        executor.close()


def _postgres_reachable() -> bool:
    import psycopg

    try:
        psycopg.connect(pg_dsn(), connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
@pytest.mark.parametrize("year", [2020, 2021])
def test_duckdb_postgres_and_spark_agree_row_for_row(snapshots, fmt, year):
    engines = ["duckdb", "spark"]
    if _postgres_reachable():
        engines.append("postgres")
    elif os.environ.get("CI") == "true":
        pytest.fail("PostgreSQL is required for the parity suite under CI=true")
    if shutil.which("java") is None:
        pytest.fail("Spark needs Java (installed on these machines)")
    results = {e: _run(e, snapshots / fmt, year) for e in engines}
    base = results["duckdb"]
    assert base.num_rows == 400
    categories = set(base.column("category").to_pylist())
    assert {"unstable", "marginal", "none", "registered_poor"} <= categories
    for engine, table in results.items():
        assert table.equals(base), (engine, [
            (a, b) for a, b in zip(base.to_pylist(), table.to_pylist(), strict=True)
            if a != b][:3])


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_monitor_command_writes_the_documented_columns(snapshots, tmp_path, suffix, capsys):
    out = tmp_path / f"result{suffix}"
    call_command("monitor", snapshot=str(snapshots / "parquet"), year=2021, out=out)
    printed = capsys.readouterr().out
    assert "513431" in printed
    assert "wrote 400 households" in printed
    text = pacsv.ConvertOptions(column_types={"household_id": pa.string(),
                                              "village_code": pa.string()})
    table = pq.read_table(out) if suffix == ".parquet" else pacsv.read_csv(
        out, convert_options=text)
    assert table.column_names == ["household_id", "village_code", "status", "category",
                                  "rules", "risk_types", "per_capita_income",
                                  "prev_per_capita_income", "data_checks"]
    expected = _run("duckdb", snapshots / "parquet", 2021)
    assert table.column("category").to_pylist() == expected.column("category").to_pylist()
    assert table.column("household_id").to_pylist() == \
        expected.column("household_id").to_pylist()


@pytest.fixture(scope="module")
def two_provinces(tmp_path_factory):
    """Two generated counties of different provinces (河北 阜平县, 辽宁 喀左县) in one
    snapshot: the shipped pack's 2022 lines differ between them (ADR 0049)."""
    hebei = generate(county_code="130624000000", villages=["130624100200", "130624100201"],
                     households=200, years=[2020, 2021, 2022], seed=23)
    liaoning = generate(county_code="211324000000", villages=["211324101200"],
                        households=200, years=[2020, 2021, 2022], seed=29)
    for table in ("households", "members", "economy"):
        getattr(hebei, table).extend(getattr(liaoning, table))
    root = tmp_path_factory.mktemp("provinces")
    write_generated(root / "parquet", "parquet", hebei)
    return root / "parquet"


@pytest.mark.parametrize("year", [2021, 2022])
def test_engines_agree_on_a_run_over_two_provinces(two_provinces, year):
    """One plan, each province's parameters: DuckDB, PostgreSQL (in the database) and Spark
    give the same rows, and each province's rows are its own one-province plan's."""
    engines = ["duckdb", "spark"]
    if _postgres_reachable():
        engines.append("postgres")
    elif os.environ.get("CI") == "true":
        pytest.fail("PostgreSQL is required for the parity suite under CI=true")
    results = {}
    for engine in engines:
        options = {"dsn": pg_dsn()} if engine == "postgres" else {}
        executor = get_executor(engine, SnapshotSource.at(two_provinces), **options)
        try:
            present = provinces_present(executor)
            assert present == ["13", "21"]
            results[engine] = run("cn-national", executor, year,
                                  provinces=present).output()
            if engine == "duckdb":
                own = {p: run("cn-national", executor, year, province=p).output().to_pylist()
                       for p in present}
        finally:
            executor.close()
    base = results["duckdb"]
    assert base.num_rows == 400
    for engine, table in results.items():
        assert table.equals(base), engine
    rows = base.to_pylist()
    for province, expected in own.items():
        assert [r for r in rows if r["village_code"][:2] == province] == [
            r for r in expected if r["village_code"][:2] == province]
