from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(passage):
    """A passage {"text": ..., "marks": [[start, end], ...]} as HTML with <mark> around the
    matched words; everything else escaped."""
    if not isinstance(passage, dict):
        return ""
    text = str(passage.get("text", ""))
    pieces, position = [], 0
    for start, end in sorted(passage.get("marks") or []):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        pieces.append(escape(text[position:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


@register.filter
def percent(value):
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return ""
