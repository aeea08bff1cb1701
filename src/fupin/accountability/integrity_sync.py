"""Leads from integrity runs (issue 16, ADR 0037): every flagged signal of a run opens one
finding — idempotent through ``Finding.source_key``, the same key the command line's CSV
(``services.sync_integrity``) gives a bunching signal — and never a sanction: the finding is a
lead to verify, its rectification the usual procedure.

Named in ``FUPIN_AFTER_INTEGRITY_RUN``; monitoring calls it without importing this app.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from fupin.accountability.choices import Category, LinkKind, Severity, Source
from fupin.accountability.models import Finding
from fupin.accountability.services import SYSTEM, FindingInput, _division, _open_many
from fupin.core import labels
from fupin.monitoring import services as monitoring

#: Households linked to one finding (the signal page lists them all).
MAX_LINKS = 200


def _p(value: float | None) -> str:
    return gettext("a rule, not a test") if value is None else f"{value:.3g}"


def sync_integrity_run(*, actor: Any = SYSTEM, run: Any) -> dict[str, int]:
    """Findings for the flagged signals of ``run``; records on each signal the finding it
    opened or found open. Returns how many were opened and how many were open already."""
    rows, by_key = [], {}
    for signal in monitoring.flagged_signals(run):
        division = _division(signal.division_code)
        test = labels.word("integrity_test", signal.test)
        data = FindingInput(
            source=Source.INTEGRITY, division_code=division.code,
            found_on=timezone.localdate(), responsible_unit=division.name,
            category=Category.FALSE_DATA, severity=Severity.GENERAL,
            title=gettext("Integrity signal: %(test)s in %(year)s (%(name)s)")
            % {"test": test, "year": run.year, "name": division.name},
            description=gettext("%(test)s, statistic %(stat)s, p = %(p)s, %(n)s household(s) "
                                "behind it (integrity run %(run)s): a lead for verification, "
                                "not an accusation")
            % {"test": test, "stat": f"{signal.statistic:.4g}", "p": _p(signal.p_value),
               "n": len(signal.households), "run": run.pk})
        details = {"test": signal.test, "year": run.year, "run": run.pk, "signal": signal.pk,
                   "statistic": signal.statistic, "p_value": signal.p_value,
                   "group": signal.group if signal.group_kind == "division" else "",
                   "households": signal.households[:MAX_LINKS]}
        links = [(LinkKind.HOUSEHOLD, h, division.code) for h in signal.households[:MAX_LINKS]]
        if signal.source_key not in by_key:
            rows.append((signal.source_key, data, details, links))
        by_key.setdefault(signal.source_key, []).append(signal.pk)
    opened = _open_many(rows) if rows else 0
    found = dict(Finding.objects.filter(source_key__in=list(by_key))
                 .values_list("source_key", "pk"))
    outcome = {"opened": opened, "already": len(by_key) - opened}
    monitoring.link_findings(run, {pk: found[key] for key, pks in by_key.items() if key in found
                                  for pk in pks}, {"findings": outcome})
    return outcome
