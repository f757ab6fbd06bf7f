"""The open impact page (per quarter, from published reports only) and its CSV."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events import page_cache
from indicators.quarters import Quarter

from . import figures


def impact(request):
    def context():
        published = figures.published_snapshots()
        quarters = list(dict.fromkeys(quarter for _code, quarter, _snapshot in published))
        language = (get_language() or "fr")[:2]
        if not quarters:
            return {"quarters": [], "nav": "impact"}
        wanted = request.GET.get("quarter")
        try:
            selected = Quarter.parse(wanted) if wanted else quarters[0]
        except ValueError:
            raise Http404(_("No published report for this quarter.")) from None
        if selected not in quarters:
            raise Http404(_("No published report for this quarter."))
        programmes = []
        for code, quarter, snapshot in published:
            if quarter != selected:
                continue
            shown = figures.programme_quarter(snapshot, language)
            history = [(q, s) for c, q, s in published if c == code and q <= selected]
            shown["trend"] = figures.trend(history, language) if len(history) > 1 else None
            programmes.append(shown)
        return {
            "quarters": [
                {
                    "code": str(q),
                    "label": figures.reports.quarter_label(str(q)),
                    "current": q == selected,
                }
                for q in quarters
            ],
            "selected": figures.reports.quarter_label(str(selected)),
            "programmes": programmes,
            "small_count": figures.reports.SMALL_COUNT,
            "nav": "impact",
        }

    return page_cache.cached_page(request, "impact/impact.html", context, parameters={"quarter"})


def impact_csv(request):
    language = (get_language() or "fr")[:2]

    def build():
        out = io.StringIO()
        # A BOM, so that a spreadsheet opens the accents right.
        out.write("\ufeff")
        csv.writer(out).writerows(figures.csv_rows(language))
        return out.getvalue().encode()

    response = HttpResponse(
        page_cache.cached_bytes(request, build), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_("impact")}-{language}.csv"'
    return response
