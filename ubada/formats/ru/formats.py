"""Russian: "31 декабря 2012 г." (the month in the genitive after a day) and "ноябрь 2010 г."
(nominative, lower case, as CLDR's stand-alone "LLLL y 'г'.")."""

DATE_FORMAT = r"j E Y \г."
YEAR_MONTH_FORMAT = r"F Y \г."
MONTH_NAMES_LOWERCASE = True
