"""English date formats as Django's, but a date and time always says its zone ("T": EST,
CET...): the desk works across zones, and a time without one is read wrongly."""

DATETIME_FORMAT = "N j, Y, P T"
SHORT_DATETIME_FORMAT = "m/d/Y P T"
