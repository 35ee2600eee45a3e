"""Turn the bytes of an HTML page into text, with the right character encoding.

Order: byte-order mark (it is unambiguous), the HTTP ``charset`` if it is plausible, a
``<meta charset>``/``<meta http-equiv="Content-Type">`` in the first 4 KB if plausible, then
detection. Detection accepts UTF-8 at once (valid, or valid but for a few stray bytes, which
become replacement characters: one cut letter must not turn a whole page into Latin-2
mojibake), else weighs windows-1251 and KOI8-R (and charset-normalizer's guess) by how natural
the resulting Cyrillic looks: detectors confuse those two encodings, while the case of the
letters gives them away (in KOI8-R the lower-case letters sit where windows-1251 keeps the
upper-case ones).

The Cyrillic share and the Latin-mojibake checks look at the text a reader sees, outside tags,
scripts, styles and comments: on a real page markup outweighs prose, and computed over the
whole document those shares never reach their thresholds.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["cyrillic_naturalness", "decode_html", "detect_encoding", "normalise_encoding"]

_META_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels browsers map differently from Python's codec names (WHATWG Encoding Standard).
_ALIASES = {
    "x-user-defined": "cp1252",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "win-1251": "cp1251",
    "x-cp1251": "cp1251",
    "koi8": "koi8-r",
    "utf8": "utf-8",
}
# Markup a reader never sees: scripts, styles, comments, then any remaining tag.
_MARKUP = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
# UTF-8 with at most this many broken bytes (or 0.1% of the body, if more) is still UTF-8...
_STRAY_BYTES_MIN = 4
_STRAY_BYTES_SHARE = 0.001
# ...provided its valid non-ASCII letters outnumber the broken bytes at least this much
_VALID_PER_STRAY = 10
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
# Text is Cyrillic if at least this share of its letters are
_CYRILLIC_SHARE = 0.3
_LATIN_DEFAULTS = frozenset({"cp1252", "latin-1", "iso8859-1", "iso8859-15", "ascii"})
_SINGLE_BYTE_CYRILLIC = ("cp1251", "koi8-r")
# The ten most frequent Russian letters make up ~60% of running text.
_FREQUENT = frozenset("оеаинтсрвл")


def normalise_encoding(label: str | None) -> str | None:
    """Python codec name for an encoding label, or ``None`` if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def cyrillic_naturalness(text: str) -> float:
    """Score how much ``text`` looks like real Cyrillic prose (higher is better).

    Lower-case and frequent letters score, upper-case letters, replacement characters,
    C1 controls and box-drawing characters (KOI8-R's upper half read wrongly) cost.
    """
    lower = upper = frequent = bad = 0
    for ch in text:
        code = ord(ch)
        if 0x0400 <= code <= 0x04FF:
            if ch.islower():
                lower += 1
                if ch in _FREQUENT:
                    frequent += 1
            else:
                upper += 1
        elif ch == "\ufffd" or 0x80 <= code <= 0x9F or 0x2500 <= code <= 0x25FF:
            bad += 1
    return lower + frequent - 2.0 * upper - 5.0 * bad


def _visible_text(document: str) -> str:
    """The text of ``document`` outside tags, scripts, styles and comments."""
    return _MARKUP.sub(" ", document)


def _cyrillic_share(text: str) -> float:
    """Share of Cyrillic letters among all letters of ``text`` (0 if it has none)."""
    letters = cyrillic = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if "\u0400" <= ch <= "\u04ff":
                cyrillic += 1
    return cyrillic / letters if letters else 0.0


def _in_another_script(text: str) -> bool:
    """True if most non-ASCII letters of ``text`` are neither Latin nor Cyrillic."""
    non_ascii = other = 0
    for ch in text:
        if ch > "\x7f" and ch.isalpha():
            non_ascii += 1
            if not ("\u00c0" <= ch <= "\u024f" or "\u0400" <= ch <= "\u04ff"):
                other += 1
    return other * 2 > non_ascii


def _latin_mojibake(document: str) -> bool:
    """True if a Latin decoding is full of À-ÿ letters: Cyrillic bytes read as Latin-1."""
    letters = accented = 0
    for ch in _visible_text(document):
        if ch.isalpha():
            letters += 1
            if 0xC0 <= ord(ch) <= 0xFF:
                accented += 1
    return letters > 20 and accented / letters > 0.3


def _is_ascii(body: bytes) -> bool:
    return body.isascii()


def _strict_decode(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(body: bytes) -> bool:
    """True if ``body`` is UTF-8 but for a few stray bytes (a cut letter, a pasted quote).

    Single-byte Cyrillic is never mostly UTF-8: nearly each of its letters is a broken
    sequence, and it seldom forms a valid multi-byte one by chance.
    """
    if _strict_decode(body, "utf-8") is not None:
        return True
    # surrogateescape turns each broken byte into one lone surrogate, so they can be counted
    text = body.decode("utf-8", errors="surrogateescape")
    stray = len(_ESCAPED_BYTE.findall(text))
    valid = len(_NON_ASCII.findall(text)) - stray
    allowed = max(_STRAY_BYTES_MIN, int(len(body) * _STRAY_BYTES_SHARE))
    return stray <= allowed and valid >= _VALID_PER_STRAY * stray


def _plausible(body: bytes, encoding: str) -> bool:
    """A declared encoding is plausible if it decodes the body and yields no mojibake."""
    if encoding == "utf-8":
        return _mostly_utf8(body)
    text = _strict_decode(body, encoding)
    if text is None:
        return False
    if _is_ascii(body) or encoding.startswith("utf"):
        return True
    # A single-byte label on a body that is (mostly) non-ASCII UTF-8: the label is stale.
    if _mostly_utf8(body):
        return False
    if encoding in _LATIN_DEFAULTS and _latin_mojibake(text):
        return False
    if encoding in _SINGLE_BYTE_CYRILLIC:
        other = "koi8-r" if encoding == "cp1251" else "cp1251"
        return cyrillic_naturalness(text) >= cyrillic_naturalness(
            body.decode(other, errors="replace")
        )
    return not _reads_better_as_cyrillic(body, text)


def _reads_better_as_cyrillic(body: bytes, declared_text: str) -> bool:
    """True if the bytes read as natural Cyrillic prose in windows-1251 or KOI8-R, and more
    naturally than in the declared encoding: a Cyrillic page under a wrong label (a server
    default such as windows-1250 or macintosh) whose text would be mojibake. A declared
    reading in a script of its own (Greek, Arabic, Hebrew...) is taken as meant."""
    visible = _visible_text(declared_text)
    if _in_another_script(visible):
        return False
    declared = max(cyrillic_naturalness(visible), 0.0)
    for encoding in _SINGLE_BYTE_CYRILLIC:
        text = _visible_text(body.decode(encoding, errors="replace"))
        if _cyrillic_share(text) >= _CYRILLIC_SHARE and cyrillic_naturalness(text) > declared:
            return True
    return False


def _header_charset(content_type_header: str | None) -> str | None:
    if not content_type_header:
        return None
    match = _HEADER_CHARSET.search(content_type_header)
    return normalise_encoding(match.group(1)) if match else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:_META_SNIFF_BYTES])
    if not match:
        return None
    encoding = normalise_encoding(match.group(1).decode("ascii", errors="ignore"))
    if encoding and encoding.startswith("utf-16"):
        return "utf-8"  # an ASCII-readable meta cannot be UTF-16 (HTML spec)
    return encoding


def _bom(body: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return encoding
    return None


def detect_encoding(body: bytes) -> str:
    """Guess the encoding of undeclared bytes (see module docstring)."""
    if _is_ascii(body) or _mostly_utf8(body):
        return "utf-8"
    candidates: list[str] = list(_SINGLE_BYTE_CYRILLIC)
    best_guess = from_bytes(body[:200_000]).best()
    guessed = normalise_encoding(best_guess.encoding) if best_guess else None
    if guessed and guessed not in candidates:
        candidates.append(guessed)

    def score(encoding: str) -> tuple[float, float]:
        text = body.decode(encoding, errors="replace")
        cyrillic = cyrillic_naturalness(text)
        penalty = 5.0 * text.count("\ufffd")
        if encoding in _LATIN_DEFAULTS and _latin_mojibake(text):
            penalty += len(text)
        # charset-normalizer's own pick wins ties among non-Cyrillic texts
        return cyrillic - penalty, 1.0 if encoding == guessed else 0.0

    cyrillic_best = max(_SINGLE_BYTE_CYRILLIC, key=score)
    cyr_text = _visible_text(body.decode(cyrillic_best, errors="replace"))
    # Cyrillic only if the non-ASCII bytes really read as (natural) Cyrillic letters
    if _cyrillic_share(cyr_text) >= _CYRILLIC_SHARE and cyrillic_naturalness(cyr_text) > 0:
        return cyrillic_best
    if guessed:
        return guessed
    return max(candidates, key=score)


def decode_html(body: bytes, content_type_header: str | None = None) -> tuple[str, str]:
    """Decode an HTML (or any text) body; return ``(text, python_codec_name)``."""
    encoding = _bom(body)
    if encoding:
        text = body.decode(encoding, errors="replace")
        return text.lstrip("\ufeff"), encoding
    for declared in (_header_charset(content_type_header), _meta_charset(body)):
        if declared and _plausible(body, declared):
            return body.decode(declared, errors="replace"), declared
    encoding = detect_encoding(body)
    return body.decode(encoding, errors="replace"), encoding
