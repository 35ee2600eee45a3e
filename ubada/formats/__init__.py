"""Date formats per interface language (settings.FORMAT_MODULE_PATH), read before Django's own.

Django has none for Kazakh, and its English "Dec. 31, 2012", Russian "Март 2005 г." (a
capitalised month in running text) and Kyrgyz "31 Декабрь 2012 ж." are not how these languages
write dates. Each module here gives the day and month formats core.partial_dates shows, and
says whether month names are written in lower case (MONTH_NAMES_LOWERCASE: Django's catalogues
capitalise them in all three). The forms follow CLDR's long date and year-month patterns.
"""
