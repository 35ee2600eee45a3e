"""The study's text as the seed stores it: paragraphs separated by blank lines in the YAML,
one `<p>` each in rich text. Shared by the seed loader and its translations."""

from django.utils.html import escape


def paragraphs(text):
    """The paragraphs of `text`, stripped, blank lines between them dropped."""
    return [part.strip() for part in str(text or "").split("\n\n") if part.strip()]


def paragraphs_html(text):
    return "".join(f"<p>{escape(part)}</p>" for part in paragraphs(text))
