"""Datasets: what the exchange imports and exports (ADR 0021).

A dataset is a set of tables described by a schema (columns with names, Chinese labels, types
and rules), a validating importer (two passes: check every row, then write everything or
nothing) and an exporter. The exchange — jobs, uploads, reports, templates, downloads, the
``import``/``export`` commands — is written once here and in ``fupin.core.exchange_jobs``; an
app adds a dataset by calling :func:`register` from its ``AppConfig.ready`` (the one place an
app lists its datasets: its ``datasets.py``). Nothing else names an app's tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from fupin.core.access import Scope
from fupin.core.errors import NotFound
from fupin.core.exchange import Table
from fupin.core.exchange_write import Report, write_tables

Progress = Callable[[str, int], None]


@dataclass
class ImportOutcome:
    """What validation found (``report``, rows read per table) and, once written, the counts."""

    report: Report
    rows: dict[str, int] = field(default_factory=dict)
    counts: Any = None

    @property
    def ok(self) -> bool:
        return self.report.errors == 0

    @property
    def committed(self) -> bool:
        return self.counts is not None


class Importer(Protocol):
    """One import of one file: ``validate`` (pass 1, writes nothing), then ``commit`` (pass 2,
    one transaction, idempotent: the same file twice changes nothing the second time)."""

    def validate(self) -> ImportOutcome: ...

    def commit(self) -> Mapping[str, int]: ...

    def close(self) -> None: ...


#: ``(path, *, actor, scope, progress) -> Importer``; the scope is required: an import
#: touches only rows inside it.
ImporterFactory = Callable[..., Importer]
#: ``(path, fmt, *, actor, scope, masked, progress) -> {table: rows}``; audited by the dataset.
Exporter = Callable[..., Mapping[str, int]]


@dataclass(frozen=True)
class Dataset:
    """A dataset the exchange knows: its tables, importer, exporter and permissions."""

    name: str
    label: str  # English
    label_zh: str
    tables: tuple[Table, ...]
    importer: ImporterFactory
    exporter: Exporter
    #: Permissions to upload and commit an import / to start an export.
    import_permissions: tuple[str, ...]
    export_permissions: tuple[str, ...]
    #: Whoever lacks it gets masked exports, and may not download an unmasked one.
    reveal_permission: str | None = None

    def display(self, language: str = "zh-hans") -> str:
        return self.label_zh if language.startswith("zh") else self.label

    def table(self, name: str) -> Table:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    def file_names(self) -> set[str]:
        """CSV/Parquet file names a zip of this dataset may hold."""
        return set().union(*(t.file_names() for t in self.tables))

    def template(self, path: Path) -> None:
        """A blank XLSX workbook: a sheet per table, Chinese headers, drop-down lists."""
        write_tables(path, "xlsx", self.tables, {})

    def run_import(self, path: Path, *, actor: Any, scope: Scope, dry_run: bool = False,
                   progress: Progress | None = None) -> ImportOutcome:
        """Validate ``path`` and, when it holds no error and this is not a dry run, write it."""
        if not isinstance(scope, Scope):
            raise TypeError("scope must be a fupin.core.access.Scope (Scope.nation() for all)")
        importer = self.importer(path, actor=actor, scope=scope, progress=progress)
        try:
            outcome = importer.validate()
            if outcome.ok and not dry_run:
                outcome.counts = importer.commit()
            return outcome
        finally:
            importer.close()

    def run_export(self, path: Path, fmt: str, *, actor: Any, scope: Scope, masked: bool,
                   progress: Progress | None = None) -> Mapping[str, int]:
        if not isinstance(scope, Scope):
            raise TypeError("scope must be a fupin.core.access.Scope (Scope.nation() for all)")
        return self.exporter(path, fmt, actor=actor, scope=scope, masked=masked,
                             progress=progress)


_REGISTRY: dict[str, Dataset] = {}


def register(dataset: Dataset) -> Dataset:
    """Make ``dataset`` known to the exchange (call from ``AppConfig.ready``)."""
    existing = _REGISTRY.get(dataset.name)
    if existing is not None and existing is not dataset:
        raise ValueError(f"a dataset named {dataset.name!r} is already registered")
    _REGISTRY[dataset.name] = dataset
    return dataset


def unregister(name: str) -> None:
    """Forget a dataset (tests that register a toy one)."""
    _REGISTRY.pop(name, None)


def get(name: str) -> Dataset:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise NotFound(f"no dataset named {name!r}") from None


def all_datasets() -> Sequence[Dataset]:
    return list(_REGISTRY.values())


DEFAULT = "registry"
