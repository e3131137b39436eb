"""How the date fields a person types into read: the interface language's short date
(ui/translation.py makes its locale QLocale's default) with a four-digit year.

Dates only shown (tables, headings, messages) use guardian_desk.i18n.formats instead.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale


def date_input_format() -> str:
    """The locale's short date with a four-digit year (a year of '26 is ambiguous)."""
    pattern = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def datetime_input_format() -> str:
    """The short date and a 24-hour time, as every language of the app writes it."""
    return f"{date_input_format()} HH:mm"
