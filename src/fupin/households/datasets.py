"""The datasets of the registry app, registered with the exchange from ``AppConfig.ready``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fupin.core import datasets
from fupin.core.access import Scope
from fupin.households.exporter import export_snapshot
from fupin.households.importer import SnapshotImporter
from fupin.households.tables import TABLES


def _importer(path: Path, *, actor: Any, scope: Scope, progress=None) -> Any:
    return _Import(SnapshotImporter(path, actor=actor, scope=scope, progress=progress))


class _Import:
    """SnapshotImporter as the exchange's Importer (its counts as a plain mapping)."""

    def __init__(self, importer: SnapshotImporter) -> None:
        self._importer = importer

    def validate(self):
        return self._importer.validate()

    def commit(self) -> dict[str, int]:
        return self._importer.commit().as_dict()

    def close(self) -> None:
        self._importer.close()


def _exporter(path: Path, fmt: str, *, actor: Any, scope: Scope, masked: bool,
              progress=None) -> dict[str, int]:
    return dict(export_snapshot(path, fmt, actor=actor, scope=scope, mask_ids=masked,
                                progress=progress).__dict__)


REGISTRY = datasets.Dataset(
    name="registry",
    label="Household registry (households, members, economy)",
    label_zh="农户信息（农户、家庭成员、收支）",
    tables=TABLES,
    importer=_importer,
    exporter=_exporter,
    import_permissions=("households.add_household", "households.change_household"),
    export_permissions=("households.view_household",),
    reveal_permission="households.reveal_idnumber",
)


def register() -> None:
    datasets.register(REGISTRY)
