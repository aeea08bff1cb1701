"""Importing a snapshot into the registry: validate everything, then write everything or nothing.

Two streaming passes over the files. The first parses and checks every row and the rules that
span rows and tables, keeping its cross-row state in a temporary SQLite file (constant memory
whatever the file size). Only when it found no error does the second pass write, in chunks,
inside one transaction: new households are inserted, changed ones updated, unchanged ones left
alone (so re-importing the same data writes nothing and adds no audit record). A process killed
half-way leaves the registry as it was: the transaction never commits.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import pickle
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation

from fupin.core import audit, crypto
from fupin.core.access import Scope
from fupin.core.datasets import ImportOutcome
from fupin.core.exchange import TableSource, open_tables
from fupin.core.exchange_write import Report
from fupin.households import history
from fupin.households.bulk_states import BulkStates
from fupin.households.bulk_write import BulkWriter
from fupin.households.choices import ECONOMY_AMOUNTS
from fupin.households.messages import message
from fupin.households.models import Household
from fupin.households.services import floor_violations
from fupin.households.tables import TABLES
from fupin.regions.choices import Level
from fupin.regions.models import Division
from fupin_engine import idcard, snapshot
from fupin_engine.policy.lines import poverty_line

CHUNK = 1000
#: The ledger action of an import's batch record (one per village, ADR 0051).
IMPORT_ACTION = "households.import"
#: Problems of the header are reported on the spreadsheet's first row.
HEADER_ROW = 1
LARGE_HOUSEHOLD = 12
Progress = Callable[[str, int], None]
_LABELS = {t.name: {c.name: c.label for c in t.columns} for t in TABLES}


@dataclass
class ImportCounts:
    """What the write pass did."""

    households_new: int = 0
    households_changed: int = 0
    households_unchanged: int = 0
    members_new: int = 0
    members_changed: int = 0
    members_removed: int = 0
    economy_new: int = 0
    economy_changed: int = 0
    #: The yearly states written (fupin.households.history, ADR 0048).
    year: int = 0
    states_new: int = 0
    states_changed: int = 0
    member_states_new: int = 0
    member_states_changed: int = 0
    member_states_removed: int = 0
    audit_records: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _marks(values: list) -> str:
    """``?, ?, ?`` placeholders (the values themselves are bound, never formatted in)."""
    return ",".join("?" * len(values))


class SnapshotImporter:
    """Validate and import one snapshot (folder of CSV/Parquet files, or an XLSX workbook).

    ``scope`` limits the import to a region (the user's division for UI imports;
    ``Scope.nation()``, asked for by name, for an operator's command-line import).
    """

    def __init__(self, path: Path, *, actor: Any, scope: Scope,
                 progress: Progress | None = None, today: dt.date | None = None,
                 year: int | None = None) -> None:
        if not isinstance(scope, Scope):
            raise TypeError("scope must be a fupin.core.access.Scope (Scope.nation() for all)")
        self.path = Path(path)
        self.actor = actor
        self.scope = scope
        self.progress = progress or (lambda phase, n: None)
        self.today = today or timezone.localdate()
        #: The snapshot's year (history.snapshot_year when not given).
        self.year = year
        self.sources: dict[str, TableSource] = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="fupin-import-")
        self.db = sqlite3.connect(Path(self._tmp.name) / "staging.sqlite3")
        self.db.executescript("""
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE hh (hid TEXT PRIMARY KEY, row INT, status TEXT, village TEXT,
                             members INT DEFAULT 0, heads INT DEFAULT 0, head_name TEXT,
                             pk INT, existed INT DEFAULT 0, latest INT, older INT DEFAULT 0);
            CREATE TABLE mem (hash TEXT PRIMARY KEY, hid TEXT, row INT);
            CREATE TABLE econ (hid TEXT, year INT, row INT, amounts TEXT,
                               PRIMARY KEY (hid, year));
            CREATE TABLE school (row INT, birth TEXT);
            CREATE TABLE ids (hash TEXT, hid TEXT, row INT, masked TEXT);
        """)
        self._villages: dict[str, str | None] = {}
        self._absent: dict[str, set[str]] = {}
        #: Tables whose parsed rows the validation pass spooled (see _validate_table).
        self._parsed: set[str] = set()

    def close(self) -> None:
        self.db.close()
        self._tmp.cleanup()

    # --- pass 1: validation ------------------------------------------------------------------

    def validate(self) -> ImportOutcome:
        report = Report()
        outcome = ImportOutcome(report)
        self.sources = open_tables(self.path, TABLES)
        for table in snapshot.TABLES:
            outcome.rows[table] = self._validate_table(table, report)
        if not any(outcome.rows.values()):
            # A blank template is not an import of nothing: it is refused, and says why.
            first = self.sources[snapshot.TABLES[0]]
            report.add(first.display, HEADER_ROW + 1, "", "", snapshot.ERROR, "no_data_rows",
                       message("no_data_rows", {}))
            return outcome
        self._check_households(report)
        # A chunk at a time (memory flat in the number of members), once the year is known
        # (history.registered_elsewhere).
        ids = self.db.execute("SELECT hash, hid, row, masked FROM ids ORDER BY row")
        while pending := ids.fetchmany(CHUNK):
            self._check_registry_ids(report, self.sources["members"], pending)
        self._check_school_age(report)
        self._check_recorded_parts(report)
        return outcome

    def _check_recorded_parts(self, report: Report) -> None:
        """An economy row may not drop below the parts other apps recorded in it (benefit
        linkages, ADR 0042): the import is refused rather than the part lost silently."""
        source = self.sources["economy"]
        rows = self.db.execute("SELECT hid, year, row, amounts FROM econ ORDER BY row")
        while chunk := rows.fetchmany(CHUNK):
            pks = dict(Household.objects.filter(household_id__in={r[0] for r in chunk})
                       .values_list("household_id", "pk"))
            amounts, where = {}, {}
            for hid, year, row, text in chunk:
                if hid in pks:
                    pair = (pks[hid], year)
                    amounts[pair] = {k: Decimal(v) for k, v in json.loads(text).items()}
                    where[pair] = row
            for pair, component, value, floor in floor_violations(amounts):
                self._add(report, source, where[pair], component, str(value), snapshot.ERROR,
                           "below_recorded_part", message("below_recorded_part", {
                               "value": f"{value}", "floor": f"{floor}"}))

    def _check_school_age(self, report: Report) -> None:
        """Children aged 6–15 at 31 December of the data's latest year, out of school."""
        latest = self.db.execute("SELECT max(year) FROM econ").fetchone()[0] or self.today.year
        source = self.sources["members"]
        for row, birth in self.db.execute("SELECT row, birth FROM school ORDER BY row"):
            age = snapshot.age_at_year_end(dt.date.fromisoformat(birth), latest)
            if snapshot.in_compulsory_school_age(age):
                self._add(report, source, row, "in_school", "0", snapshot.WARNING,
                           "child_out_of_school",
                           message("child_out_of_school", {"age": age, "year": latest}))

    def _issue(self, report: Report, source: TableSource, row: int, issue: snapshot.Issue):
        report.add(source.display, row, self._label(source, issue.column), issue.value,
                   issue.severity, issue.code, message(issue.code, issue.params))

    def _add(self, report: Report, source: TableSource, row: int, column: str, *rest) -> None:
        report.add(source.display, row, self._label(source, column), *rest)

    def _label(self, source: TableSource, column: str) -> str:
        """A column as the template heads it (its Chinese label) when the report is read in
        Chinese; its English name otherwise (and for a column the schema does not know)."""
        if not (translation.get_language() or "").startswith("zh"):
            return column
        return _LABELS.get(source.table, {}).get(column, column)

    def _rows(self, table: str, report: Report | None) -> Iterator[tuple[int, dict[str, Any]]]:
        """Rows of ``table`` as (data row, column → raw value); header problems reported.

        Workbooks are slow to parse, so the validation pass keeps a CSV copy of each sheet
        in the temporary folder and the write pass reads that instead of the workbook.
        """
        spool = Path(self._tmp.name) / f"{table}.csv"
        if report is None and spool.exists():
            with spool.open(encoding="utf-8", newline="") as fh:
                reader = csv.reader(fh)
                names = next(reader)
                for values in reader:
                    yield int(values[0]), dict(zip(names[1:], values[1:], strict=True))
            return
        source = self.sources[table]
        headers, rows = source.read()
        names, issues = snapshot.resolve_headers(table, headers)
        if report is not None:
            for issue in issues:
                self._issue(report, source, HEADER_ROW, issue)
        # Rows are still checked when a column is missing, without a "required" error per row.
        self._absent[table] = {i.column for i in issues if i.code == "missing_column"}
        keep = [n for n in names if n is not None]
        writer = None
        if report is not None and source.fmt == "xlsx":
            fh = spool.open("w", encoding="utf-8", newline="")
            writer = csv.writer(fh)
            writer.writerow(["_row", *keep])
        try:
            for i, values in rows:
                raw = {n: v for n, v in zip(names, values, strict=False) if n is not None}
                if writer is not None:
                    writer.writerow([i, *(snapshot.canonical(raw.get(n)) for n in keep)])
                yield i, raw
        finally:
            if writer is not None:
                fh.close()

    def _validate_table(self, table: str, report: Report) -> int:
        source = self.sources[table]
        check = getattr(self, f"_check_{table}_row")
        n = 0
        self.progress(f"validate:{table}", 0)
        pending: list[tuple[str, str, int, str]] = []
        # The parsed rows are kept (pickled in chunks, memory flat) for the write pass, which
        # then stages them without parsing every row a second time.
        spool = self._spool(table).open("wb")
        parsed: list[dict[str, Any]] = []
        for row, raw in self._rows(table, report):
            clean, issues = snapshot.parse_row(table, raw, today=self.today)
            parsed.append(dict(clean))
            if len(parsed) >= CHUNK:
                pickle.dump(parsed, spool, protocol=pickle.HIGHEST_PROTOCOL)
                parsed = []
            absent = self._absent.get(table, set())
            issues = [i for i in issues if not (i.code == "required" and i.column in absent)]
            for issue in issues:
                self._issue(report, source, row, issue)
            check(report, source, row, clean, issues, pending)
            n += 1
            if pending:
                self.db.executemany("INSERT INTO ids VALUES (?, ?, ?, ?)", pending)
                pending.clear()
            if n % 5000 == 0:
                self.progress(f"validate:{table}", n)
        if parsed:
            pickle.dump(parsed, spool, protocol=pickle.HIGHEST_PROTOCOL)
        spool.close()
        self._parsed.add(table)
        self.progress(f"validate:{table}", n)
        return n

    def _spool(self, table: str) -> Path:
        return Path(self._tmp.name) / f"{table}.parsed.pickle"

    def _village_problem(self, code: str) -> str | None:
        if code not in self._villages:
            exists = Division.objects.filter(code=code, level=Level.VILLAGE).exists()
            if not exists:
                self._villages[code] = "unknown_village"
            elif not self.scope.contains(code):
                self._villages[code] = "outside_region"
            else:
                self._villages[code] = None
        return self._villages[code]

    def _check_households_row(self, report, source, row, clean, issues, pending):
        hid = clean.get("household_id")
        village = clean.get("village_code")
        if village:
            problem = self._village_problem(village)
            if problem:
                self._add(report, source, row, "village_code", village, snapshot.ERROR,
                           problem, message(problem, {"code": village}))
        if not hid:
            return
        cur = self.db.execute("INSERT OR IGNORE INTO hh (hid, row, status, village) "
                              "VALUES (?, ?, ?, ?)", (hid, row, clean.get("status"), village))
        if cur.rowcount == 0:
            first = self.db.execute("SELECT row FROM hh WHERE hid = ?", (hid,)).fetchone()[0]
            self._add(report, source, row, "household_id", hid, snapshot.ERROR,
                       "duplicate_household", message("duplicate_household", {"row": first}))

    def _check_members_row(self, report, source, row, clean, issues, pending):
        hid = clean.get("household_id")
        if hid:
            known = self.db.execute("SELECT 1 FROM hh WHERE hid = ?", (hid,)).fetchone()
            if known is None:
                self._add(report, source, row, "household_id", hid, snapshot.ERROR,
                           "unknown_household", message("unknown_household", {}))
            else:
                head = clean.get("relation") == "head"
                self.db.execute(
                    "UPDATE hh SET members = members + 1, heads = heads + ?, "
                    "head_name = CASE WHEN ? THEN ? ELSE head_name END WHERE hid = ?",
                    (int(head), head, clean.get("name"), hid))
        number = clean.get("id_number")
        if number:
            digest = crypto.lookup_hash(number)
            cur = self.db.execute("INSERT OR IGNORE INTO mem (hash, hid, row) VALUES (?, ?, ?)",
                                  (digest, hid, row))
            if cur.rowcount == 0:
                first = self.db.execute("SELECT row FROM mem WHERE hash = ?",
                                        (digest,)).fetchone()[0]
                self._add(report, source, row, "id_number", idcard.mask(number),
                           snapshot.ERROR, "duplicate_id_number",
                           message("duplicate_id_number", {"row": first}))
            else:
                pending.append((digest, hid or "", row, idcard.mask(number)))
        birth = clean.get("birth_date")
        if birth and clean.get("in_school") is False and clean.get("home_schooled") is False:
            # Checked once the data's latest year is known (_check_school_age).
            self.db.execute("INSERT INTO school (row, birth) VALUES (?, ?)",
                            (row, birth.isoformat()))

    def _check_registry_ids(self, report, source, pending):
        """Numbers already registered to *another* household (that year, for a history-only
        household) are errors."""
        found = history.registered_elsewhere(self, pending)
        for digest, hid, row, masked in pending:
            other, village = found.get(digest, (None, None))
            if other is None or other == hid or self.db.execute(
                    "SELECT 1 FROM hh WHERE hid = ?", (other,)).fetchone():
                continue  # a household of the file: the file says where the person is now
            if self.scope.contains(village):
                self._add(report, source, row, "id_number", masked, snapshot.ERROR,
                           "id_number_registered",
                           message("id_number_registered", {"household": other}))
            else:  # never name a household of another region (that would be an oracle)
                self._add(report, source, row, "id_number", masked, snapshot.ERROR,
                           "id_number_registered_elsewhere",
                           message("id_number_registered_elsewhere", {}))

    def _check_economy_row(self, report, source, row, clean, issues, pending):
        hid, year = clean.get("household_id"), clean.get("year")
        if not hid:
            return
        hh = self.db.execute("SELECT status, members FROM hh WHERE hid = ?", (hid,)).fetchone()
        if hh is None:
            self._add(report, source, row, "household_id", hid, snapshot.ERROR,
                       "unknown_household", message("unknown_household", {}))
            return
        if year is not None:
            amounts = json.dumps({c: str(clean[c]) for c in ECONOMY_AMOUNTS
                                  if clean.get(c) is not None})
            cur = self.db.execute("INSERT OR IGNORE INTO econ (hid, year, row, amounts) "
                                  "VALUES (?, ?, ?, ?)", (hid, year, row, amounts))
            if cur.rowcount == 0:
                first = self.db.execute("SELECT row FROM econ WHERE hid = ? AND year = ?",
                                        (hid, year)).fetchone()[0]
                self._add(report, source, row, "year", str(year), snapshot.ERROR,
                           "duplicate_economy_year",
                           message("duplicate_economy_year", {"row": first}))
        wage = clean.get("wage")
        if wage is not None and 0 < wage < 100:
            self._add(report, source, row, "wage", str(wage), snapshot.WARNING,
                       "wage_suspicious", message("wage_suspicious", {}))
        amounts_ok = all(clean.get(c) is not None for c in ECONOMY_AMOUNTS)
        status, size = hh
        if status == "exited" and amounts_ok and size and year:
            line = poverty_line(year, settings.FUPIN_POLICY_PACK)
            per_capita = snapshot.net_income(clean) / size
            if line is not None and per_capita < Decimal(str(line)):
                self._add(report, source, row, "year", str(year), snapshot.WARNING,
                           "exited_below_poverty_line",
                           message("exited_below_poverty_line",
                                   {"per_capita": f"{per_capita:.0f}", "line": f"{line:.0f}"}))

    def _check_households(self, report: Report) -> None:
        source = self.sources["households"]
        for hid, row, members, heads in self.db.execute(
                "SELECT hid, row, members, heads FROM hh ORDER BY row"):
            if members == 0:
                self._add(report, source, row, "household_id", hid, snapshot.ERROR,
                           "no_members", message("no_members", {}))
            elif heads != 1:
                self._add(report, source, row, "household_id", hid, snapshot.ERROR,
                           "head_count", message("head_count", {"heads": heads}))
            if members > LARGE_HOUSEHOLD:
                self._add(report, source, row, "household_id", hid, snapshot.WARNING,
                           "household_large", message("household_large", {"size": members}))
        if not self.scope.is_nation:
            self._check_existing_scope(report, source)

    def _check_existing_scope(self, report: Report, source: TableSource) -> None:
        """A household of the file that exists in another region may not be changed from here."""
        hids = [r[0] for r in self.db.execute("SELECT hid FROM hh")]
        for i in range(0, len(hids), CHUNK):
            outside = (Household.objects.filter(household_id__in=hids[i:i + CHUNK])
                       .exclude(self.scope.q("village_id"))
                       .values_list("household_id", flat=True))
            for hid in outside:
                row = self.db.execute("SELECT row FROM hh WHERE hid = ?", (hid,)).fetchone()[0]
                self._add(report, source, row, "household_id", hid, snapshot.ERROR,
                           "outside_region", message("outside_region", {"code": hid}))

    # --- pass 2: writing ---------------------------------------------------------------------

    def commit(self) -> ImportCounts:
        """Write everything in one transaction. Call only after :meth:`validate` found no error.

        Set-based (ADR 0051): the rows are staged in the database and merged with a few
        statements per table (fupin.households.bulk_write, bulk_states)."""
        counts = ImportCounts()
        self.year = self.year or history.snapshot_year(self)
        with transaction.atomic():
            history.lock()
            counts.year = history.prepare(self)
            writer = BulkWriter(self, counts)
            writer.stage()
            writer.merge()
            BulkStates(self, counts, writer.now).run()
            self._ledger(counts, writer)
            writer.drop()
        if counts.households_new + counts.households_changed + counts.members_new:
            _analyze()
        return counts

    def _ledger(self, counts: ImportCounts, writer: BulkWriter) -> None:
        """The current-table rows written go to the ledger as one batch record per village
        (``audit.record_batch``, ADR 0051/0052): each row with its before and after under the
        record's hash tree, the record in the village (so a run over it sees a new input).

        The rows stream from the merge's staging tables straight into the batch records: the
        batch rows are written with COPY, which PostgreSQL runs alone on the connection, and
        ``record_batch`` reads each chunk of rows (from the open server-side cursors) before it
        starts the chunk's COPY."""
        lines = ([r.entry.division_code, r.entry.action, r.entry.object_type,
                  r.entry.object_id, r.change, r.entry.before, r.entry.after]
                 for r in writer.ledger_rows())
        for village, rows in itertools.groupby(lines, key=lambda r: r[0]):
            tally: dict[str, int] = {}
            rec = audit.record_batch(
                actor=self.actor, action="households.import",
                object_type="households.household", object_id=f"{counts.year}:{village}",
                division_code=village,
                summary={"year": counts.year, "source": self.path.name, "rows": tally},
                rows=_batch_rows(rows, tally))
            counts.audit_records += rec is not None

    def _chunks(self, table: str) -> Iterator[list[dict[str, Any]]]:
        if table in self._parsed:  # the validation pass's parsed rows, in file order
            with self._spool(table).open("rb") as fh:
                while True:
                    try:
                        yield pickle.load(fh)  # noqa: S301 — our own temporary file
                    except EOFError:
                        return
        chunk: list[dict[str, Any]] = []
        for _row, raw in self._rows(table, None):
            clean, _ = snapshot.parse_row(table, raw, today=self.today)
            chunk.append(clean)
            if len(chunk) >= CHUNK:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def _batch_rows(rows: Iterable[list], tally: dict[str, int]) -> Iterator[audit.BatchRow]:
    """The ledger rows of one village as batch rows (each with today's per-row
    record: its action, division, before and after), counted by action into ``tally``."""
    for division, action, object_type, object_id, change, before, after in rows:
        tally[action] = tally.get(action, 0) + 1
        yield audit.BatchRow(object_type, object_id, change, {
            "action": action, "division_code": division, "before": before, "after": after})


def _analyze() -> None:
    """Fresh planner statistics after an import that wrote rows (PostgreSQL): a server without
    autovacuum, or one that has not reached the new rows yet, would otherwise plan the registry
    pages for the empty tables it last measured (ADR 0055)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        cur.execute("ANALYZE households_household, households_member, households_economyyear, "
                    "households_householdstate, households_memberstate")


def run_import(path: Path, *, actor: Any, scope: Scope, dry_run: bool = False,
               progress: Progress | None = None) -> ImportOutcome:
    """Validate ``path`` and, when it holds no error and this is not a dry run, import it:
    the registry dataset's ``Dataset.run_import`` (one import path for the screens, the
    commands and the tests), its counts as :class:`ImportCounts`."""
    from fupin.households.datasets import REGISTRY  # the dataset is built on this module

    outcome = REGISTRY.run_import(path, actor=actor, scope=scope, dry_run=dry_run,
                                  progress=progress)
    if outcome.counts is not None:
        outcome.counts = ImportCounts(**outcome.counts)
    return outcome
