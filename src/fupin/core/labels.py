"""Codes into words: the one place every screen, export and API display field turns a code
(a pack category, a workflow step, a choice, an audit action, a parameter, a data check) into
the word a county office reads, in the user's language.

An app registers its vocabularies in ``<app>/labels.py``::

    VOCABULARIES = {
        "case_step": {"visit": gettext_lazy("Household visit"), ...},
        "category": lambda: {c.code: c.title for c in policy.categories()},
    }

A value may be a mapping or a callable returning one (read on each use, so a vocabulary that
comes from the policy pack follows the pack). Kinds are global: two apps registering the same
kind merge their mappings (a clash on a code is an error at start-up, see :func:`check`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.utils.encoding import force_str


class Lookup:
    """A vocabulary too large to list (the 600,000 divisions): ``fetch(codes)`` answers the
    words of just those codes, in one query. Registered like a mapping::

        VOCABULARIES = {"division": Lookup(division_names)}
    """

    def __init__(self, fetch: Callable[[Iterable[str]], Mapping[str, Any]]) -> None:
        self.fetch = fetch


Vocabulary = Mapping[str, Any] | Callable[[], Mapping[str, Any]] | Lookup


@cache
def _sources() -> dict[str, tuple[Vocabulary, ...]]:
    found: dict[str, list[Vocabulary]] = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.labels"
        if config.name.startswith("fupin.") and find_spec(name) is not None:
            for kind, vocabulary in getattr(import_module(name), "VOCABULARIES", {}).items():
                found.setdefault(kind, []).append(vocabulary)
    return {kind: tuple(v) for kind, v in found.items()}


def kinds() -> list[str]:
    return sorted(_sources())


def vocabulary(kind: str) -> dict[str, Any]:
    """The whole mapping of one kind (empty for an unknown kind)."""
    merged: dict[str, Any] = {}
    for source in _sources().get(kind, ()):
        if not isinstance(source, Lookup):
            merged.update(source() if callable(source) else source)
    return merged


def lookup_many(kind: str, codes: Iterable[Any]) -> dict[str, str]:
    """Words for many codes at once (one query per :class:`Lookup`): ``{code: word}`` for the
    codes that have one. Use it in a table over a page of rows."""
    wanted = {force_str(c) for c in codes if c is not None and c != ""}
    found: dict[str, str] = {}
    for source in _sources().get(kind, ()):
        if isinstance(source, Lookup):
            mapping = source.fetch(wanted - set(found)) if wanted - set(found) else {}
        else:
            mapping = source() if callable(source) else source
        found.update({c: force_str(mapping[c]) for c in wanted if c in mapping and c not in found})
    return found


def word(kind: str, code: Any) -> str:
    """The word for ``code`` in ``kind``, translated now; the code itself if none is known,
    and an empty string for an empty code."""
    if code is None or code == "":
        return ""
    key = force_str(code)
    return lookup_many(kind, [key]).get(key, key)


def words(kind: str, codes) -> list[str]:
    return [word(kind, c) for c in codes]


def choices(kind: str) -> list[tuple[str, str]]:
    """``(code, word)`` pairs for a form's select, in registration order."""
    return [(code, force_str(w)) for code, w in vocabulary(kind).items()]


def all_codes() -> dict[str, set[str]]:
    """Every registered code by kind: the browser test looks for them on Chinese pages."""
    return {kind: set(vocabulary(kind)) for kind in kinds()}


def check() -> list[str]:
    """Problems in the registry: a code registered twice in one kind with two words."""
    problems = []
    for kind, sources in _sources().items():
        seen: dict[str, str] = {}
        for source in sources:
            if isinstance(source, Lookup):
                continue
            for code, w in (source() if callable(source) else source).items():
                if code in seen and force_str(seen[code]) != force_str(w):
                    problems.append(f"{kind}:{code} is both {seen[code]!r} and {w!r}")
                seen[code] = w
    return problems


def number(value: Any) -> str:
    """A count or an amount with thousands separators, as a county office writes it
    (6,000; 12,345.5; 0.25): whole floats lose their ``.0``. Never for years or IDs."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        try:
            value = float(value) if any(c in value for c in ".eE") else int(value)
        except ValueError:
            return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer():
            return f"{int(value):,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    try:
        return f"{value:,}"
    except (TypeError, ValueError):
        return force_str(value)


def parameter_text(name: str, value: Any) -> str:
    """A parameter in words with its value and unit (kinds ``parameter`` and
    ``parameter_unit``): "监测线 6,000 元/人·年"; unit ``%`` shows a ratio as a percentage."""
    unit = lookup_many("parameter_unit", [name]).get(name, "")
    if unit == "%" and isinstance(value, int | float) and not isinstance(value, bool):
        shown = f"{number(round(value * 100, 2))}%"
    else:
        shown = f"{number(value)} {unit}".rstrip()
    return f"{word('parameter', name)} {shown}"


# --- The platform's own vocabularies (core is an app too) --------------------------------------

def _job_states() -> dict[str, Any]:
    from fupin.core.models import ExchangeJob

    return dict(ExchangeJob.State.choices)


def _job_kinds() -> dict[str, Any]:
    from fupin.core.models import ExchangeJob

    return dict(ExchangeJob.Kind.choices)


def _job_stages() -> dict[str, Any]:
    from fupin.core.models import ExchangeJob

    return dict(ExchangeJob.Stage.choices)


def _core_words() -> dict[str, dict[str, Any]]:
    from django.utils.translation import gettext_lazy

    return {
        # Who wrote a ledger line when no user did (``audit.record(actor="system:…")``).
        "actor": {
            "system": gettext_lazy("System"),
            "system:cli": gettext_lazy("System (command line)"),
            "system:setup": gettext_lazy("System (set-up)"),
            "system:demo": gettext_lazy("System (demo data)"),
            "system:datakey": gettext_lazy("System (data-key rotation)"),
        },
        "audit_action": {
            "exchange.upload": gettext_lazy("File uploaded for import"),
            "exchange.commit_import": gettext_lazy("Import committed"),
            "exchange.retry": gettext_lazy("Job retried"),
            "exchange.download": gettext_lazy("Export downloaded"),
            "exchange.download_report": gettext_lazy("Import report downloaded"),
            "lists.export": gettext_lazy("List exported to Excel"),
            "core.backup": gettext_lazy("Database backed up"),
            "core.restore": gettext_lazy("Database restored from a backup"),
            "core.datakey_rotated": gettext_lazy("Personal data re-encrypted under a new key"),
        },
        "object_type": {
            "core.exchangejob": gettext_lazy("import or export job"),
            "list": gettext_lazy("list"),
            "core.database": gettext_lazy("database"),
            "core.datakey": gettext_lazy("data key"),
        },
    }


VOCABULARIES: dict[str, Vocabulary] = {
    "job_state": _job_states,
    "job_kind": _job_kinds,
    "job_stage": _job_stages,
    "actor": lambda: _core_words()["actor"],
    "audit_action": lambda: _core_words()["audit_action"],
    "object_type": lambda: _core_words()["object_type"],
}
