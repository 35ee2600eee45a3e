"""Names in any script and spelling: folding, transliteration and phonetic keys.

Pure Python, used the same way at index time and at query time, by the engine and by the
database fallback:

- `fold("Жаңы-Жер")` lower-cases and maps the Kyrgyz and Kazakh letters to the Russian letters
  people type on a Russian keyboard (ң→н, ө→о, ү→у, ә→а, ғ→г, қ→к, ұ→у, һ→х, і→и; ё→е):
  "жаны-жер".
- `latin("Ак-Жар")` is the anyascii transliteration: "Ak-Zhar".
- `name_keys("Ак-Жар")` are phonetic keys that different romanisations share: each word's key
  and the whole name's key without spaces or hyphens ({"ak", "jar", "akjar"}). "Ak-Jar",
  "Akzhar", "Ak Zhar" and "Ак-Жар" all have the key "akjar"; "Atambaev", "Atambayev" and
  "Атамбаев" have "atambaev".
"""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_FOLD_PAIRS = (("ң", "н"), ("ө", "о"), ("ү", "у"), ("ә", "а"), ("ғ", "г"), ("қ", "к"),
               ("ұ", "у"), ("һ", "х"), ("і", "и"), ("ё", "е"))
_FOLD = str.maketrans(dict(_FOLD_PAIRS))
# The same letters, in both cases, as the engine's `kk_ky_fold` char filter spells them.
FOLD_MAPPINGS = [f"{old}=>{new}" for old, new in _FOLD_PAIRS] + [
    f"{old.upper()}=>{new.upper()}" for old, new in _FOLD_PAIRS
]

# Romanisation variants, applied in order to the anyascii form of one word.
_KEY_RULES = [
    ("shch", "sh"), ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("tch", "ch"), ("ts", "c"),
    ("ph", "f"), ("gh", "g"), ("q", "k"), ("w", "v"), ("x", "ks"),
    ("yj", "i"), ("ij", "i"), ("iy", "i"), ("yi", "i"), ("yy", "i"),
    ("ye", "e"), ("yo", "o"), ("yu", "u"), ("ya", "a"), ("y", "i"),
]
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text):
    """Lower-cased, NFKC-normalised, Kyrgyz/Kazakh letters mapped to Russian ones."""
    return unicodedata.normalize("NFKC", text or "").casefold().translate(_FOLD)


@lru_cache(maxsize=65536)
def latin(text):
    """The text transliterated into Latin letters (anyascii): "Ак-Жар" → "Ak-Zhar"."""
    return anyascii(text or "")


@lru_cache(maxsize=65536)
def word_key(word):
    """A phonetic key for one word in any script: "Жар", "Zhar", "Jar" → "jar"."""
    key = _NON_ALNUM.sub("", latin(fold(word)).lower())
    for old, new in _KEY_RULES:
        key = key.replace(old, new)
    return _DOUBLE.sub(r"\1", key)


def words(text):
    return _WORD.findall(text or "")


def compact_key(text):
    """The key of a whole name or query, its words run together: "Ak Zhar" → "akjar"."""
    return word_key("".join(words(text)))


def name_keys(name):
    """Every key of one name: its words' keys and, for a name of several words, the compact key."""
    parts = [word_key(word) for word in words(name)]
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


def split_names(title, other_names=""):
    """[title, alias, ...] from a title and a one-per-line `other_names` text, without repeats."""
    result = [title] if title else []
    for line in (other_names or "").splitlines():
        line = line.strip()
        if line and line not in result:
            result.append(line)
    return result
