"""Template helpers every screen uses: ``{% load fupin %}``.

- ``{{ code|word:"kind" }}`` — a code in words (:mod:`fupin.core.labels`).
- ``{% querystring_with page=2 %}`` is Django's own ``{% querystring %}`` (5.1+): use that.
"""

from __future__ import annotations

from django import template

from fupin.core import labels

register = template.Library()


@register.filter
def word(code, kind: str) -> str:
    return labels.word(kind, code)


@register.filter
def number(value) -> str:
    """A count or an amount with thousands separators (6,000; 12,345.5): never for years or
    IDs. ``None`` and ``""`` are "—"; text that is not a number is left as it is."""
    return labels.number(value)


@register.filter
def parameter(value, name: str) -> str:
    """A parameter with its word and unit: ``{{ v|parameter:"monitoring_line" }}`` reads
    "监测线 6,000 元/人·年"; a ratio (unit ``%``) reads "30%"."""
    return labels.parameter_text(name, value)
