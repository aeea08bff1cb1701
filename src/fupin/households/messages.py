"""Messages of the import report, one per rule code, in the user's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "no_data_rows": _("the file has no data rows: fill in the rows below the template's header "
                      "row and upload it again"),
    "unknown_column": _("unknown column in table %(table)s: use the English names or the "
                        "Chinese labels of the template"),
    "duplicate_column": _("the same column appears twice in table %(table)s"),
    "missing_column": _("required column %(column)s (%(label)s) is missing from table "
                        "%(table)s"),
    "required": _("a value is required (%(label)s)"),
    "too_long": _("longer than %(max)s characters"),
    "type": _("wrong type: expected %(expected)s"),
    "enum": _("not one of the allowed values: %(allowed)s"),
    "range": _("outside the allowed range %(min)s–%(max)s"),
    "date": _("not a possible date: expected %(expected)s"),
    "future_date": _("a date in the future"),
    "future_year": _("a year in the future (this is %(year)s)"),
    "pattern": _("not allowed here: only letters, digits, _ and - (pattern %(pattern)s)"),
    "too_large": _("too large: amounts are below %(max)s yuan"),
    "negative": _("negative amount: amounts are ≥ 0 (losses are recorded as costs)"),
    "id_format": _("not an identity number: 17 digits and a digit or X"),
    # The engine's detail ("check character is 0, GB 11643 gives X") is English and names the
    # expected character of a number the report masks: the words say what is wrong instead.
    "id_checksum": _("identity number fails the GB 11643 check: its last character does not "
                     "match the first 17 digits"),
    "id_birth_date": _("the identity number carries an impossible birth date"),
    "id_birth_mismatch": _("the identity number carries birth date %(carried)s, the row says "
                           "%(birth_date)s"),
    "duplicate_id_number": _("the same identity number is already at row %(row)s of this "
                             "file"),
    "id_number_registered": _("this identity number is registered in another household "
                              "(%(household)s)"),
    # Said to a user when that household lies outside the user's region: no id (no oracle).
    "id_number_registered_elsewhere": _("this identity number is already registered in "
                                        "another household outside your region"),
    "unknown_village": _("%(code)s is not a village of the loaded division tree"),
    "outside_region": _("%(code)s is outside your region: you may import only into your "
                        "division"),
    "duplicate_household": _("household_id already used at row %(row)s"),
    "no_members": _("a household without members: add its members to the members table"),
    "head_count": _("a household needs exactly one head; this one has %(heads)s"),
    "unknown_household": _("no such household in the households table"),
    "below_recorded_part": _("%(value)s is below the %(floor)s yuan of it recorded in benefit "
                             "linkages for this year: correct the linkage record first"),
    "duplicate_economy_year": _("a second row for this household and year (first at row "
                                "%(row)s)"),
    "required_when_exited": _("an exited household needs its exit year"),
    "wage_suspicious": _("wage income between 0 and 100 yuan: check the amount (national data "
                         "check)"),
    "exited_below_poverty_line": _("exited household with per-capita income %(per_capita)s "
                                   "yuan, below the poverty line of %(line)s yuan"),
    "child_out_of_school": _("child aged %(age)s at the end of %(year)s neither in school "
                             "nor taught at home (送教上门)"),
    "household_large": _("household of %(size)s members: check for merged households"),
    "disability_grade_without_disability": _("disability grade given but health is not "
                                             "'disabled'"),
}


#: What the engine's schema says a value should be (``snapshot.Issue.params["expected"]``),
#: in words.
EXPECTED = {
    "12 digits": _("12 digits"),
    "a whole number": _("a whole number"),
    "a year": _("a year"),
    "an amount in yuan": _("an amount in yuan"),
    "0/1 (是/否)": _("是/否 (or 1/0)"),
}


def _words(key: str, value: Any) -> Any:
    if key == "table" and isinstance(value, str):
        from fupin.households.tables import TABLES  # the tables' own names, in Chinese

        if (get_language() or "").startswith("zh"):
            return next((t.sheet for t in TABLES if t.name == value), value)
        return value
    if isinstance(value, str) and value in EXPECTED:
        return str(EXPECTED[value])
    return value


def message(code: str, params: dict[str, Any]) -> str:
    """The message of ``code`` with ``params`` filled in, in the active language (what the
    engine says in English — a type expected, a table's name — put in words too)."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    try:
        return str(template) % {k: _words(k, v) for k, v in params.items()}
    except (KeyError, TypeError, ValueError):
        return str(template)
