"""Radio Free Europe/Radio Liberty sites (Azattyk in Kyrgyzstan, Azattyq in Kazakhstan).

Their feeds mix written stories (paths under ``/a/``) with video and audio pages (``/av/``,
``/z/``) that have no text to archive: keep only the stories. Their story pages carry
"related" and "most popular" boxes inside the main column: drop them before extraction.
Checked against the sites' public layout as best known; confirm before enabling.
"""

from urllib.parse import urlsplit

SELECTORS = {
    "remove": [".media-block-wrap", ".wsw__embed", ".related-content", ".c-author-list"],
}


def keep_entry(entry) -> bool:
    return urlsplit(entry.link).path.startswith("/a/")
