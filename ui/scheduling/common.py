"""What the scheduling windows share: texts for times, people and children, and callbacks."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from guardian_desk.domain.errors import GuardianDeskError, ValidationError, ValidationErrors
from guardian_desk.i18n import formats
from ui.bidi import isolated as isolated  # shared with the scheduling screens
from ui.callbacks import alive as alive

CONTEXT = "Scheduling"

PURPOSES = {
    VisitPurpose.VISIT: QT_TRANSLATE_NOOP("Scheduling", "Visit"),
    VisitPurpose.ASYLUM_INTERVIEW: QT_TRANSLATE_NOOP("Scheduling", "Asylum interview"),
    VisitPurpose.POLICE_INTERVIEW: QT_TRANSLATE_NOOP("Scheduling", "Police interview"),
    VisitPurpose.MEDICAL: QT_TRANSLATE_NOOP("Scheduling", "Medical appointment"),
    VisitPurpose.SCHOOL: QT_TRANSLATE_NOOP("Scheduling", "School appointment"),
    VisitPurpose.COURT: QT_TRANSLATE_NOOP("Scheduling", "Court hearing"),
    VisitPurpose.OTHER: QT_TRANSLATE_NOOP("Scheduling", "Other appointment"),
}
STATUSES = {
    VisitStatus.PLANNED: QT_TRANSLATE_NOOP("Scheduling", "planned"),
    VisitStatus.HELD: QT_TRANSLATE_NOOP("Scheduling", "held"),
    VisitStatus.MISSED: QT_TRANSLATE_NOOP("Scheduling", "missed"),
    VisitStatus.CANCELLED: QT_TRANSLATE_NOOP("Scheduling", "cancelled"),
}
OWNER_KINDS = (
    ("guardian", QT_TRANSLATE_NOOP("Scheduling", "Guardian")),
    ("mediator", QT_TRANSLATE_NOOP("Scheduling", "Mediator")),
    ("facility", QT_TRANSLATE_NOOP("Scheduling", "Facility")),
)


def tr(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def initials(full_name: str) -> str:
    """``A. R.`` for Ahmad Rahimi: a child is shown by case number and initials only."""
    letters = []
    for word in full_name.split():
        first = next((ch for ch in word if ch.isalpha()), "")
        if first:
            letters.append(first.upper() + ".")
    if len(letters) > 2:
        letters = [letters[0], letters[-1]]
    return " ".join(letters)


def child_text(case_number: str, full_name: str) -> str:
    """The case number and the initials, never the full name (privacy)."""
    marks = initials(full_name)
    return f"{case_number} ({isolated(marks)})" if marks else case_number


def purpose_text(purpose: VisitPurpose) -> str:
    return tr(PURPOSES.get(purpose, str(purpose)))


def status_text(status: VisitStatus) -> str:
    return tr(STATUSES.get(status, str(status)))


ON_HOLD = QT_TRANSLATE_NOOP("Scheduling", "on hold: the child is missing")


def visit_state_text(status: VisitStatus, on_hold: bool) -> str:
    """A visit's status, or that it is on hold while its child is missing."""
    return tr(ON_HOLD) if on_hold else status_text(status)


def date_text(day: date) -> str:
    """``Mon 9 Mar 2026``: the weekday and the CLDR date of the interface language."""
    return f"{formats.weekday_text(day)} {formats.date_text(day)}"


def time_text(moment: datetime) -> str:
    return formats.time_text(moment)


def when_text(starts_at: datetime, ends_at: datetime | None = None) -> str:
    """``Mon 9 Mar 2026, 10:00–11:00``."""
    text = f"{formats.weekday_text(starts_at.date())} {formats.datetime_text(starts_at)}"
    return f"{text}–{time_text(ends_at)}" if ends_at is not None else text


def error_text(error: BaseException) -> str:
    """The core's words; a field error as 'Label “value” reason'."""
    if isinstance(error, ValidationErrors):
        return "; ".join(error_text(e) for e in error.errors)
    if isinstance(error, ValidationError):
        return error.message  # the field's label, the value and the reason, translated
    return str(error)


def expected(error: BaseException) -> bool:
    """An error the officer should read (the core refused); anything else is a bug."""
    return isinstance(error, GuardianDeskError)
