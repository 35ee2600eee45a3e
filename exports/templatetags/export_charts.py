"""The status chart of a record's page (city, settlement, person, body): an image of the
scorecard, whose numbers are in the table beside it."""

from django import template

from ..charts import record_promises, status_tally, tally_of

register = template.Library()


@register.inclusion_tag("exports/status_chart.html", takes_context=True)
def status_chart(context, page, with_table=False):
    """The chart of `page`'s promises by status; with_table adds the table of its numbers (for
    a page that shows no scorecard table of its own). The numbers are those of the page's
    scorecard (`scorecard` in the context: the record page counted them already), else
    counted here."""
    return {"page": page, "tally": _tally(context, page) if with_table else None}


def _tally(context, page):
    if context.get("scorecard"):
        return tally_of(context["scorecard"])
    promises = record_promises(page)
    return status_tally(promises) if promises is not None else None
