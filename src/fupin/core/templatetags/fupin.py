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
