"""Filters over monitoring results that other apps' lists share (public: the case list uses
them too)."""

from __future__ import annotations

from django.db.models import Q


def risk_q(code: str) -> Q:
    """``risk_types`` (``01;03``) holds ``code`` as one of its items."""
    return (Q(risk_types=code) | Q(risk_types__startswith=f"{code};")
            | Q(risk_types__endswith=f";{code}") | Q(risk_types__contains=f";{code};"))
