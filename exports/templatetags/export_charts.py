"""The status chart of a record's page (city, settlement, person, body): an image of the
scorecard, whose numbers are in the table beside it."""

from django import template

from ..charts import record_promises, status_tally

register = template.Library()


@register.inclusion_tag("exports/status_chart.html")
def status_chart(page, with_table=False):
    """The chart of `page`'s promises by status; with_table adds the table of its numbers (for
    a page that shows no scorecard table of its own)."""
    promises = record_promises(page) if with_table else None
    return {"page": page, "tally": status_tally(promises) if promises is not None else None}
