"""Names in any script and spelling: letter folding, transliteration and the one phonetic key.

Pure Python (no Django), so the news linker (scrapers.linking) and search (search.names, the
engine's char filter, the database fallback) decide alike whether two spellings are one name:

- `fold("Жаңы-Жер")` lower-cases, NFKC-normalises and maps the Kyrgyz and Kazakh letters to the
  Russian letters people type on a Russian keyboard (ң→н, ө→о, ү→у, ә→а, ғ→г, қ→к, ұ→у, һ→х,
  і→и; ё→е): "жаны-жер".
- `latin("Ак-Жар")` is the anyascii transliteration: "Ak-Zhar".
- `name_key("Ак-Жар")` is the phonetic key different romanisations share, without spaces or
  punctuation: "Ak-Jar", "Akzhar", "Ak Zhar" and "Ак-Жар" are all "akjar"; "Atambaev",
  "Atambayev" and "Атамбаев" are "atambaev"; "Черёмушки" and "Cheryomushki" are "cheremushki".
"""

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Kyrgyz and Kazakh letters (and ё) -> the Russian letters typed for them.
FOLD_PAIRS = (("ң", "н"), ("ө", "о"), ("ү", "у"), ("ә", "а"), ("ғ", "г"), ("қ", "к"),
              ("ұ", "у"), ("һ", "х"), ("і", "и"), ("ё", "е"))
_FOLD = str.maketrans(dict(FOLD_PAIRS))

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Romanisation variants folded together, applied in order to the transliterated, lower-cased
# letters (each a plain replacement or a regex).
_CONSONANTS = (("shch", "sh"), ("dzh", "j"), ("zh", "j"), ("tch", "ch"), ("x", "ks"))
_J_NOT_BEFORE_VOWEL = re.compile(r"j(?![aeiouy])")  # Zapadnyj = Zapadnyy = Западный
# In a name being typed, a final j after a consonant may begin "ja" (Акж, Akzh); one after a
# vowel ends the word (Zapadnyj).
_J_IN_PREFIX = re.compile(r"j(?=[^aeiouy])|(?<=[aeiouy])j$")
_LATE_CONSONANTS = (("kh", "h"), ("gh", "g"), ("q", "k"), ("w", "v"), ("ph", "f"), ("ng", "n"))
_YO_AFTER_CONSONANT = re.compile(r"(?<=[b-df-hj-np-tv-z])yo")  # Cheryomushki = Черёмушки
_Y_BETWEEN_VOWELS = re.compile(r"(?<=[aeiou])y(?=[aeiou])")  # Atambayev = Atambaev
DOUBLE_LETTERS = re.compile(r"([a-z])\1+")


def fold(text):
    """Lower-cased, NFKC-normalised, Kyrgyz/Kazakh letters mapped to Russian ones."""
    return unicodedata.normalize("NFKC", text or "").casefold().translate(_FOLD)


@lru_cache(maxsize=65536)
def latin(text):
    """The text transliterated into Latin letters (anyascii): "Ак-Жар" → "Ak-Zhar"."""
    return anyascii(text or "")


@lru_cache(maxsize=65536)
def name_key(text):
    """The phonetic key of a word or name in any script: Ак-Жар, Ak-Jar, Akzhar → "akjar"."""
    return _key(text, _J_NOT_BEFORE_VOWEL)


@lru_cache(maxsize=65536)
def prefix_key(text):
    """The key of the start of a name being typed: Акж → "akj", a prefix of "akjar"."""
    return _key(text, _J_IN_PREFIX)


def _key(text, j_to_i):
    key = _NON_ALNUM.sub("", latin(fold(text)).lower())
    for old, new in _CONSONANTS:
        key = key.replace(old, new)
    key = j_to_i.sub("i", key)
    for old, new in _LATE_CONSONANTS:
        key = key.replace(old, new)
    key = _YO_AFTER_CONSONANT.sub("e", key)
    key = _Y_BETWEEN_VOWELS.sub("", key).replace("y", "i")
    return DOUBLE_LETTERS.sub(r"\1", key)
