"""Strings an editor, a paste or a broken keyboard can put in a form field."""

from hypothesis import strategies as st

MONTHS = ["March", "Mar", "march", "март", "наурыз", "жалган куран", "Мартта", "MARCH"]
ISSUE_DATES = [  # typed into "Made on" and a role's "from" in issue 15: each answered 500
    "March 2013", "03.2013", "2013/03", "3/2013", "2013-3", "2013-03-00", "2013-13",
    "2013-02-30", "март 2013", "03-03-2013", "13", "January 2011", "end of 2013",
    "by September 2013", "3.3.2013", "0000", "9999-12-31", "10000-01", "-2013", "2013-03-03T00:00",
]
UNICODE_DIGITS = ["٢٠١٣", "٢٠١٣-٠٣", "२०१३", "２０１３", "𝟚𝟘𝟙𝟛", "١٢٣٤٥٦٧٨٩٠"]
HUGE_AND_EMPTY = ["", " ", "\t\n", "0", "-1", "9" * 40, "1e999", "NaN", "-Infinity", "None",
                  "null", "[]", "{}", '{"blocks": []}']
CONTROL = ["\x00", "a\x00b", "\x1b[31m", "\x7f", "\u202e", "\ufeff", "\ud7ff", "\r\n\r\n"]
LONG = ["x" * 10_000, "ä" * 2_001, "ш " * 5_000, "https://news.example.org/" + "a" * 2_000]


def _shaped_date():
    """A date in one of the shapes people type: any order, separator and month spelling."""
    year = st.sampled_from(["2013", "13", "1899", "2031", "٢٠١٣"])
    month = st.one_of(st.sampled_from(["3", "03", "00", "13"]), st.sampled_from(MONTHS))
    day = st.sampled_from(["1", "03", "30", "31", "32"])
    separator = st.sampled_from(["-", ".", "/", " ", ", ", ""])
    return st.tuples(st.permutations([year, month, day]), st.integers(1, 3), separator).flatmap(
        lambda shape: st.tuples(*shape[0][: shape[1]]).map(shape[2].join))


def awkward_strings():
    """Dates in many shapes, Unicode digits, huge and empty values, very long text, control
    characters and NUL, and whatever else Hypothesis makes of text."""
    return st.one_of(
        st.sampled_from(ISSUE_DATES + UNICODE_DIGITS + HUGE_AND_EMPTY + CONTROL + LONG),
        _shaped_date(),
        st.text(max_size=40),
        st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=8),
        # Browsers send UTF-8, so no lone surrogates.
        st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Co", "Zs", "Cf"]),
                min_size=1, max_size=8),
    )


# One value per kind, posted to every field at once before the generated examples.
SWEEP = ["March 2013", "٢٠١٣", "9" * 40, "", "a\x00b", "x" * 10_000, "news.example.org/x"]
