"""Kyrgyz: the year first, as CLDR's long date "y-'ж'., d-MMMM": "2012-ж., 31-декабрь" and
"2010-ж., ноябрь" (Django's Kyrgyz module puts the year last)."""

DATE_FORMAT = r"Y-\ж., j-F"
YEAR_MONTH_FORMAT = r"Y-\ж., F"
MONTH_NAMES_LOWERCASE = True
