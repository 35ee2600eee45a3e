"""Charts of the public record, drawn on the server as SVG with pygal, each with the numbers
behind it as a table for the page (readable without JavaScript or images).

The numbers come from published promises only (core.visibility). pygal's interactive script
is never loaded (`js=[]`) and the configuration script it writes into every chart is removed:
the site's Content-Security-Policy runs no inline script, and the charts need none.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

import pygal
from django.db.models import Count
from django.db.models.functions import Left, Length
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from pygal.style import Style

from chronicle.models import Event
from core.partial_dates import PartialDate
from core.visibility import default_locale, published
from promises.filters import PromiseFilter
from promises.models import PromisePage, StatusChange
from promises.scorecard import scorecard_of
from promises.status import SETTLED, Status

STYLE = Style(background="white", plot_background="white", font_family="sans-serif",
              colors=("#1b5e20", "#b71c1c", "#e65100", "#0d47a1", "#616161", "#6a1b9a"))
CHART_OPTIONS = {"js": [], "disable_xml_declaration": True, "style": STYLE, "width": 720,
                 "height": 360, "explicit_size": False, "print_values": False}
# The filter that lists a record's promises, by the kind of page: as on the record's own page.
RECORD_FILTERS = {"citypage": "city", "settlementpage": "settlement", "personpage": "promisor",
                  "bodypage": "promisor"}


@dataclass(frozen=True)
class Chart:
    """An SVG chart and the table of its numbers: `columns` headings, `rows` of values."""

    title: str
    description: str
    svg: str
    columns: list
    rows: list

    @property
    def labelled_rows(self):
        """Each row's values paired with their column headings: on a phone the table shows
        each value under its heading (data-label)."""
        return [list(zip(self.columns, row, strict=True)) for row in self.rows]


def finish(chart, title, description):
    """The chart's SVG with its <title> and a <desc>, and without pygal's inline script."""
    chart.config.title = title
    tree = chart.render_tree()
    for script in list(tree.iter("script")):
        script.getparent().remove(script)
    title_element = next(tree.iter("title"))
    desc = etree.Element("desc")
    desc.text = description
    title_element.addnext(desc)
    tree.set("role", "img")
    return etree.tostring(tree, encoding="unicode")


# Status tally of one record (a city, settlement, person or body) ----------------------------


def record_promises(page):
    """The published promises listed on a record's page, or None for another kind of page."""
    name = RECORD_FILTERS.get(page._meta.model_name)  # the specific page's: no query
    if name is None:
        return None
    return PromiseFilter(related={name: (page.pk,)}).apply(published(PromisePage.objects.all()))


def tally_of(card):
    """[(label, count)] for every status, then overdue: a scorecard (promises.scorecard), as
    the chart and its table show it."""
    return [*((str(status.label), count) for status, count in card["by_status"]),
            (_("Overdue"), card["overdue"])]


def status_tally(promises):
    """The tally of these promises, counted in the scorecard's one query."""
    return tally_of(scorecard_of(promises))


def status_tally_chart(page_title, promises):
    tally = status_tally(promises)
    chart = pygal.HorizontalBar(show_legend=False, x_labels=[label for label, _count in tally],
                                **CHART_OPTIONS)
    chart.add(_("Promises"), [count for _label, count in tally])
    title = _("Promises of %(record)s by status") % {"record": page_title}
    description = "; ".join(f"{label}: {count}" for label, count in tally)
    return Chart(title, description, finish(chart, title, description),
                 [_("Status"), _("Promises")], tally)


# Promises per month, with the elections ------------------------------------------------------


def month_labels(first, last):
    """Every month from `first` to `last` ("YYYY-MM"), in order."""
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def promises_per_month():
    """({month: promises made}, {month: [election titles]}, promises dated only to the year)."""
    promises = published(PromisePage.objects.all()).order_by()
    by_month = dict(promises.annotate(length=Length("made")).filter(length__gte=7)
                    .annotate(month=Left("made", 7)).values_list("month")
                    .annotate(n=Count("pk")).values_list("month", "n"))
    year_only = promises.annotate(length=Length("made")).filter(length=4).count()
    elections = defaultdict(list)
    dated_elections = default_locale(Event.objects.elections()).exclude(date="")
    for title, date in dated_elections.values_list("title", "date"):
        if len(date) >= 7:
            elections[date[:7]].append(title)
    return by_month, dict(elections), year_only


def promises_per_month_chart():
    by_month, elections, year_only = promises_per_month()
    months = sorted({*by_month, *elections})
    labels = list(month_labels(months[0], months[-1])) if months else []
    chart = pygal.Bar(show_legend=False, x_label_rotation=40, show_minor_x_labels=False,
                      x_labels=labels, x_title=_("Months of an election are labelled"),
                      x_labels_major=[m for m in labels if m in elections] or labels[:1],
                      **CHART_OPTIONS)
    chart.add(_("Promises made"), [by_month.get(month, 0) for month in labels])
    title = _("Promises made per month, with the elections")
    peaks = sorted(by_month.items(), key=lambda item: -item[1])[:3]
    description = _("%(total)s promises dated to the month. Busiest months: %(peaks)s. "
                    "Elections: %(elections)s.") % {
        "total": sum(by_month.values()),
        "peaks": ", ".join(f"{month} ({count})" for month, count in peaks) or "-",
        "elections": ", ".join(f"{month} ({'; '.join(titles)})"
                               for month, titles in sorted(elections.items())) or "-"}
    rows = [(month, by_month.get(month, 0), "; ".join(elections.get(month, [])))
            for month in months]
    if year_only:
        rows.append((_("dated only to the year"), year_only, ""))
    return Chart(title, description, finish(chart, title, description),
                 [_("Month"), _("Promises made"), _("Election")], rows)


# Kept, broken and overdue over time -------------------------------------------------------------


def year_end(year):
    return datetime.date(year, 12, 31)


def published_histories():
    """{promise id: (day made, last day of deadline, [(day, status)] oldest first)} for the
    published promises with a date, read in two queries."""
    promises = {pk: (PartialDate.parse(made).earliest(), due, []) for pk, made, due in
                published(PromisePage.objects.all()).exclude(made="")
                .values_list("pk", "made", "deadline_due").iterator(chunk_size=5000)}
    changes = (StatusChange.objects.filter(promise_id__in=list(promises))
               .values_list("promise_id", "date", "status", "recorded_at", "pk")
               .iterator(chunk_size=5000))
    for promise_id, date, status, recorded_at, pk in changes:
        promises[promise_id][2].append((PartialDate.parse(date).earliest(), recorded_at, pk,
                                        status))
    for _made, _due, history in promises.values():
        history.sort()
    return promises


def statuses_at_year_ends(made, history, years):
    """The status a promise had at the end of each year (NOT_RATED before its first change);
    None for the years before it was made."""
    statuses, position, status = [], 0, Status.NOT_RATED
    for year in years:
        while position < len(history) and history[position][0] <= year_end(year):
            status = history[position][3]
            position += 1
        statuses.append(status if made <= year_end(year) else None)
    return statuses


def status_share_by_year():
    """[(year, promises recorded by its end, kept, broken, overdue)]: each promise counted with
    the status it had at the end of the year, overdue if its deadline had passed by then and
    it was neither kept nor broken."""
    promises = published_histories()
    if not promises:
        return []
    first = min(made for made, _due, _history in promises.values()).year
    years = list(range(first, timezone.localdate().year + 1))
    counts = [Counter() for _year in years]
    for made, due, history in promises.values():
        for count, year, status in zip(counts, years,
                                       statuses_at_year_ends(made, history, years), strict=True):
            if status is None:
                continue
            count["recorded"] += 1
            count[status] += 1
            count["overdue"] += bool(due and due < year_end(year) and status not in SETTLED)
    return [(year, count["recorded"], count[Status.KEPT], count[Status.BROKEN],
             count["overdue"]) for year, count in zip(years, counts, strict=True)]


def share(part, whole):
    return round(100 * part / whole, 1) if whole else 0


def status_share_chart():
    by_year = status_share_by_year()
    chart = pygal.Line(show_legend=True, legend_at_bottom=True, range=(0, 100),
                       x_labels=[str(year) for year, *_counts in by_year],
                       y_title=_("Share of the promises recorded by then (%)"), **CHART_OPTIONS)
    for label, index in ((_("Kept"), 2), (_("Broken"), 3), (_("Overdue"), 4)):
        chart.add(label, [share(row[index], row[1]) for row in by_year])
    title = _("Kept, broken and overdue promises over time")
    last = by_year[-1] if by_year else (0, 0, 0, 0, 0)
    description = _("At the end of %(year)s, of %(total)s promises: %(kept)s%% kept, "
                    "%(broken)s%% broken, %(overdue)s%% overdue.") % {
        "year": last[0], "total": last[1], "kept": share(last[2], last[1]),
        "broken": share(last[3], last[1]), "overdue": share(last[4], last[1])}
    return Chart(title, description, finish(chart, title, description),
                 [_("End of year"), _("Promises recorded"), _("Kept"), _("Broken"),
                  _("Overdue")], by_year)


CHARTS = {"promises-per-month": promises_per_month_chart, "status-share": status_share_chart}
