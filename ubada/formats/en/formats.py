"""English: "31 December 2012" and "November 2010" (not Django's "Dec. 31, 2012" beside a
month spelled out in full)."""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
MONTH_NAMES_LOWERCASE = False
