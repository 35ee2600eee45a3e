"""Search's use of the site's one name folding (core.folding): keys per word and per name.

The folding, transliteration and phonetic key are core.folding's, shared with the news linker;
this module adds what search needs on top, used the same way at index time and at query time,
by the engine and by the database fallback:

- `name_keys("Ак-Жар")` are the keys of a name: each word's key and the whole name's key
  ({"ak", "jar", "akjar"}). "Ak-Jar", "Akzhar", "Ak Zhar" and "Ак-Жар" all have "akjar".
- `FOLD_MAPPINGS` spells core.folding's letter table as the engine's `kk_ky_fold` char filter.
"""

import re

from core.folding import FOLD_PAIRS, fold, latin, name_key, prefix_key

__all__ = ["FOLD_MAPPINGS", "all_keys", "compact_key", "compact_prefix_key", "fold", "latin",
           "name_keys", "words"]

# The same letters, in both cases, as the engine's `kk_ky_fold` char filter spells them.
FOLD_MAPPINGS = [f"{old}=>{new}" for old, new in FOLD_PAIRS] + [
    f"{old.upper()}=>{new.upper()}" for old, new in FOLD_PAIRS
]
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return _WORD.findall(text or "")


def compact_key(text):
    """The key of a whole name or query, its words run together: "Ak Zhar" → "akjar"."""
    return name_key("".join(words(text)))


def compact_prefix_key(text):
    """The key of what has been typed so far, for autocomplete: "Ak Zh" → "akj"."""
    return prefix_key("".join(words(text)))


def name_keys(name):
    """Every key of one name: its words' keys and, for a name of several words, the compact key."""
    parts = [name_key(word) for word in words(name)]
    keys = {part for part in parts if part}
    if len(parts) > 1:
        keys.add(compact_key(name))
    keys.discard("")
    return keys


def all_keys(names):
    keys = set()
    for name in names:
        keys |= name_keys(name)
    return sorted(keys)
