"""The sampling frame and the estimators' household facts, read from a snapshot folder."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from fupin_engine.measures.backend import SqlRunner
from fupin_engine.measures.estimate import Household
from fupin_engine.measures.sampling import FrameHousehold

FRAME_SQL = (
    "SELECT h.household_id, h.village_code, h.status, COALESCE(m.size, 0) AS size "
    "FROM households AS h LEFT JOIN (SELECT household_id, COUNT(*) AS size FROM members "
    "GROUP BY household_id) AS m ON m.household_id = h.household_id "
    "WHERE SUBSTRING(h.village_code, 1, {n}) = '{prefix}' ORDER BY h.household_id"
)


def read_frame(snapshot: str | Path, county: str) -> list[FrameHousehold]:
    """Every household of ``county`` (a 6-digit code) with its status and size."""
    prefix = "".join(ch for ch in county if ch.isdigit())[:6]
    with SqlRunner(snapshot) as runner:
        rows = runner.rows(FRAME_SQL.format(n=len(prefix), prefix=prefix))
    return [FrameHousehold(r["household_id"], r["village_code"], r["status"], int(r["size"]))
            for r in rows]


def households_of(frame: Iterable[FrameHousehold]) -> dict[str, Household]:
    return {h.household_id: Household(h.status, h.size) for h in frame}


def county_totals(frame: Sequence[FrameHousehold]) -> tuple[int, int]:
    """(rural population, registered poor people) of the frame."""
    return (sum(h.size for h in frame), sum(h.size for h in frame if h.status == "poor"))


def write_rows(columns: Sequence[str], rows: Iterable[tuple], path: str | Path) -> None:
    """A CSV with ``columns`` then one line per row; None is written empty, floats in full."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(columns)
        for row in rows:
            out.writerow(["" if v is None else repr(v) if isinstance(v, float) else v
                          for v in row])
