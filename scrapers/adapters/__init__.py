"""Small per-outlet modules for outlets whose pages or feeds need special handling.

An outlet names its adapter in the admin ("rferl" or "scrapers.adapters.rferl"). An adapter is
a plain module; every hook is optional and the pipeline falls back to its defaults:

``SELECTORS``
    A dict of CSS selectors (``title``, ``published``, ``author``, ``body``, ``remove``) used
    where the outlet's own selector fields are empty.
``discover(outlet, fetcher) -> list[FeedEntry] | None``
    Find the story links yourself (return ``None`` to use the feeds and listing pages).
``keep_entry(entry) -> bool``
    Drop feed entries that are not stories (videos, galleries, live blogs...).
``prepare_url(url) -> str``
    Rewrite a story address before it is fetched (e.g. to a print version).
``postprocess(article, outlet) -> Article``
    Correct what :func:`scrapers.fetching.articles.extract_article` found.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType

__all__ = ["AdapterError", "load_adapter"]

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_PREFIX = "scrapers.adapters."


class AdapterError(Exception):
    """The adapter name is malformed or names no module in scrapers/adapters/."""


def load_adapter(name: str) -> ModuleType | None:
    """The adapter module for ``name`` ("rferl" or "scrapers.adapters.rferl"), or None."""
    name = (name or "").strip()
    if not name:
        return None
    short = name[len(_PREFIX):] if name.startswith(_PREFIX) else name
    if not _NAME.match(short):
        raise AdapterError(f"{name!r} is not the name of a module in scrapers/adapters/")
    try:
        return importlib.import_module(_PREFIX + short)
    except ModuleNotFoundError as error:
        raise AdapterError(f"There is no adapter {short!r} in scrapers/adapters/") from error
