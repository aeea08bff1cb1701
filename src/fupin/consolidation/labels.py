"""The consolidation period's codes in words (:mod:`fupin.core.labels`): the help register's
audit actions and object type, and the help types (the case measures' words)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from fupin.consolidation.choices import HelpType

VOCABULARIES = {
    "audit_action": {
        "consolidation.record_help": gettext_lazy("Help recorded"),
        "consolidation.remove_help": gettext_lazy("Help record removed"),
        "consolidation.import_help": gettext_lazy("Help register imported"),
        "consolidation.export_help": gettext_lazy("Help register exported"),
    },
    "object_type": {"consolidation.helprecord": gettext_lazy("Help record")},
    "help_type": dict(HelpType.choices),
}
