"""Kazakh (Django has no module): the year first, as official texts and CLDR's "y 'ж'. d MMMM"
write it, with "жылғы" spelled out: "2012 жылғы 31 желтоқсан" and "2010 жылғы қараша"."""

DATE_FORMAT = r"Y \ж\ы\л\ғ\ы j F"
YEAR_MONTH_FORMAT = r"Y \ж\ы\л\ғ\ы F"
MONTH_NAMES_LOWERCASE = True
