"""The poverty measures screen (issue 15 item 4): FGT and Alkire–Foster for the divisions below
the user's division, drilled down by ``?division=`` inside the user's region, with the year,
the line (default: the policy's), k and the dimensions as a form; an Excel export of what is
shown (audited like every list export). The numbers come from :mod:`fupin.dashboards.measures`
(the engine over the registry)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext

from fupin.core import audit
from fupin.core.errors import ValidationFailed
from fupin.core.lists import xlsx_sheets_response
from fupin.core.views import ScopedView
from fupin.dashboards import measures
from fupin.dashboards.views import _breadcrumbs
from fupin.regions.choices import Level


def _query(form, **extra) -> str:
    """The form's parameters as a query string (drill-down links and the export keep them)."""
    pairs = [(k, v) for k in ("year", "line", "k") if (v := form.data.get(k, "").strip())]
    pairs += [("dimensions", d) for d in form.data.getlist("dimensions")]
    pairs += list(extra.items())
    return urlencode(pairs)


class MeasuresView(ScopedView):
    permission_required = measures.PERMISSION

    def get(self, request):
        focus = measures.focus_for(request.user, request.GET.get("division", ""))
        form = measures.MeasuresForm(request.GET)
        context = {"form": form, "focus": focus, "query": _query(form),
                   "crumbs": _breadcrumbs(request.user.division, focus),
                   "focus_level": Level(focus.level).label,
                   "dimension_choices": form.fields["dimensions"].choices,
                   # What the inputs show: what was typed, else the defaults.
                   "values": {"year": form.data.get("year") or measures.DEFAULT_YEAR,
                              "line": form.data.get("line", ""),
                              "k": form.data.get("k") or measures.DEFAULT_K},
                   "chosen": set(form.data.getlist("dimensions")), "line_hint": ""}
        try:
            params = measures.params_from(form)
            result = measures.compute(request.user, focus, params)
        except ValidationFailed as exc:
            context["error"] = str(exc)
            return render(request, "dashboards/measures.html", context, status=400)
        if request.GET.get("export") == "xlsx":
            return self.export(result)
        context.update({
            "result": result, "params": params, "chart": result.chart(),
            "rows_level": Level(result.level).label,
            "dimensions": [(d, measures.dimension_word(d),
                            result.total.censored.get(d) if result.total else None,
                            result.by_dimension.get(d)) for d in params.dimensions],
            "chosen": set(params.dimensions), "line_hint": params.line})
        return render(request, "dashboards/measures.html", context)

    def export(self, result: measures.Measures):
        header = [gettext("Division"), gettext("Code"), gettext("People"),
                  gettext("Headcount ratio P0"), gettext("Poverty gap P1"),
                  gettext("Severity P2"), gettext("Multidimensional headcount H"),
                  gettext("Intensity A"), gettext("Adjusted headcount M0"),
                  gettext("Share of M0")]
        dims = result.params.dimensions
        header += [gettext("Censored headcount: %(dimension)s")
                   % {"dimension": measures.dimension_word(d)} for d in dims]
        rows = [[r.name, r.code, r.people, r.P0, r.P1, r.P2, r.H, r.A, r.M0, r.share,
                 *(r.censored.get(d) for d in dims)]
                for r in [*result.rows, *([result.total] if result.total else [])]]
        p = result.params
        about = [(gettext("Division"), f"{result.focus.name}（{result.focus.code}）"),
                 (gettext("Year"), p.year), (gettext("Poverty line (yuan per person per year)"),
                                             p.line),
                 (gettext("Poverty cut-off k (weighted deprivations)"), p.k),
                 (gettext("Dimensions"), "、".join(measures.dimension_word(d) for d in dims))]
        about += [(gettext("Contribution to M0: %(dimension)s")
                   % {"dimension": measures.dimension_word(d)}, result.by_dimension.get(d))
                  for d in dims]
        with transaction.atomic():
            audit.record(actor=self.request.user, action="lists.export", object_type="list",
                         object_id="poverty-measures",
                         division_code=self.request.user.division_id or "",
                         after={"filters": {"division": result.focus.code, "year": p.year,
                                            "line": str(p.line), "k": str(p.k),
                                            "dimensions": list(dims)},
                                "rows": len(rows)})
        stamp = timezone.localdate().strftime("%Y%m%d")
        return xlsx_sheets_response(f"poverty-measures-{result.focus.code}-{stamp}", [
            (gettext("Poverty measures"), header, rows),
            (gettext("Parameters"), [gettext("Item"), gettext("Value")], about)])
