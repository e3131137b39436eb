"""The home page's four lists as table models: visits, waiting children, vettings, overdue."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QWidget,
)

from guardian_desk.i18n.formats import date_text, day_month_text, time_text, weekday_text
from ui.bidi import isolated

if TYPE_CHECKING:  # the core (and SQLAlchemy) load on the worker, not before the window
    from guardian_desk.services.age import TurningAdult
    from guardian_desk.services.home import (
        ExpiringVetting,
        OverdueVisit,
        VisitLine,
        WaitingChild,
    )
    from guardian_desk.services.visit_reports import FollowUpLine

AnyIndex = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole  # (kind, id) of the record a line stands for
ATTENTION_DAYS = 3  # this many working days left, or fewer, is drawn in the attention colour


def attention_color(palette: QPalette) -> QColor:
    """A red that reads on the palette's background, light or dark."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff8a80") if dark else QColor("#b3261e")


def week_day(day: date) -> str:
    """A day within a week shown nearby: "Mon 23 Nov"."""
    return f"{weekday_text(day)} {day_month_text(day)}"


def counted(text: str, n: int) -> str:
    """``tr("%n day(s)", "", n)`` reads right in English too while no translation is loaded."""
    return text.replace("(s)", "" if n == 1 else "s")


class LinesModel(QAbstractTableModel):
    """Read-only lines of one home-page list; subclasses say what the columns show."""

    HEADERS: tuple[Any, ...] = ()  # QT_TRANSLATE_NOOP texts
    ATTENTION_COLUMN = -1
    # Names take the room left, and give it up first (elided) when there is too little.
    STRETCH_COLUMN = 1
    SHRINK_COLUMNS: tuple[int, ...] = (1,)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[Any, ...] = ()

    def set_lines(self, lines: tuple[Any, ...]) -> None:
        self.beginResetModel()
        self._lines = tuple(lines)
        self.endResetModel()

    def cells(self, line: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def tooltip(self, line: Any) -> str:
        """The whole line in words, with what the columns leave out."""
        raise NotImplementedError

    def record(self, line: Any) -> tuple[str, int]:
        raise NotImplementedError

    def needs_attention(self, line: Any) -> bool:
        return False

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(line)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(line)
        if role == RecordRole:
            return self.record(line)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.column() == self.ATTENTION_COLUMN
            and self.needs_attention(line)
        ):
            parent = self.parent()
            return attention_color(parent.palette() if isinstance(parent, QWidget) else QPalette())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(str(self.HEADERS[section]))
        return None


class VisitsModel(LinesModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("VisitsModel", "When"),
        QT_TRANSLATE_NOOP("VisitsModel", "Child"),
        QT_TRANSLATE_NOOP("VisitsModel", "Guardian + mediator"),
        QT_TRANSLATE_NOOP("VisitsModel", "Place"),
        QT_TRANSLATE_NOOP("VisitsModel", "Status"),
    )
    STRETCH_COLUMN = 3
    SHRINK_COLUMNS = (3, 2, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_day = True  # off for today's list: the time alone says when

    def cells(self, line: VisitLine) -> tuple[str, ...]:
        status = {
            "planned": self.tr("Planned"),
            "held": self.tr("Held"),
            "missed": self.tr("Missed"),
            "cancelled": self.tr("Cancelled"),
        }.get(line.status.value, line.status.value)
        when = f"{time_text(line.starts_at)}–{time_text(line.ends_at)}"
        if self.show_day:  # today's list: the time alone says when
            when = f"{week_day(line.starts_at.date())}  {when}"
        people = " + ".join(p for p in (line.guardian_name, line.mediator_name) if p)
        return (when, line.child_name, people, line.place, status)

    def tooltip(self, line: VisitLine) -> str:
        return self.tr("{0} {1} {2}, with {3}{4} at {5}").format(
            line.case_number,
            line.child_name,
            isolated(line.child_original_name),
            line.guardian_name,
            f" + {line.mediator_name}" if line.mediator_name else "",
            line.place or self.tr("a place not given"),
        )

    def record(self, line: VisitLine) -> tuple[str, int]:
        return ("visits", line.visit_id)


class WaitingModel(LinesModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("WaitingModel", "Case"),
        QT_TRANSLATE_NOOP("WaitingModel", "Child"),
        QT_TRANSLATE_NOOP("WaitingModel", "Deadline"),
        QT_TRANSLATE_NOOP("WaitingModel", "Time left"),
    )
    ATTENTION_COLUMN = 3

    def cells(self, line: WaitingChild) -> tuple[str, ...]:
        left = line.working_days_left
        if left < 0:
            text = counted(self.tr("overdue by %n working day(s)", "", -left), -left)
        elif left == 0:
            text = self.tr("due today")
        else:
            text = counted(self.tr("%n working day(s) left", "", left), left)
        name = f"{line.name}  {isolated(line.original_name)}".strip()
        return (line.case_number, name, date_text(line.deadline), text)

    def tooltip(self, line: WaitingChild) -> str:
        return self.tr("{0} {1} {2}: identified on {3}, a guardian is due by {4}").format(
            line.case_number,
            line.name,
            isolated(line.original_name),
            date_text(line.identified_on),
            date_text(line.deadline),
        )

    def record(self, line: WaitingChild) -> tuple[str, int]:
        return ("children", line.child_id)

    def needs_attention(self, line: WaitingChild) -> bool:
        return line.working_days_left <= ATTENTION_DAYS


class VettingModel(LinesModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("VettingModel", "Code"),
        QT_TRANSLATE_NOOP("VettingModel", "Name"),
        QT_TRANSLATE_NOOP("VettingModel", "Role"),
        QT_TRANSLATE_NOOP("VettingModel", "Expires"),
        QT_TRANSLATE_NOOP("VettingModel", "Time left"),
    )
    ATTENTION_COLUMN = 4

    def cells(self, line: ExpiringVetting) -> tuple[str, ...]:
        days = line.days_left
        if days < 0:
            text = counted(self.tr("expired %n day(s) ago", "", -days), -days)
        elif days == 0:
            text = self.tr("expires today")
        else:
            text = counted(self.tr("%n day(s) left", "", days), days)
        return (line.code, line.name, self._role(line), date_text(line.vetting_expires_on), text)

    def _role(self, line: ExpiringVetting) -> str:
        return self.tr("Guardian") if line.kind == "guardians" else self.tr("Mediator")

    def tooltip(self, line: ExpiringVetting) -> str:
        return self.tr("{0} {1} ({2}): vetting valid until {3}").format(
            line.code, line.name, self._role(line), date_text(line.vetting_expires_on)
        )

    def record(self, line: ExpiringVetting) -> tuple[str, int]:
        return (line.kind, line.person_id)

    def needs_attention(self, line: ExpiringVetting) -> bool:
        return line.days_left <= 7


class OverdueModel(LinesModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("OverdueModel", "Case"),
        QT_TRANSLATE_NOOP("OverdueModel", "Child"),
        QT_TRANSLATE_NOOP("OverdueModel", "Guardian"),
        QT_TRANSLATE_NOOP("OverdueModel", "Last visit"),
        QT_TRANSLATE_NOOP("OverdueModel", "Not seen for"),
    )
    ATTENTION_COLUMN = 4
    SHRINK_COLUMNS = (1, 2)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.interval_days = 30

    def cells(self, line: OverdueVisit) -> tuple[str, ...]:
        last = date_text(line.last_held_on) if line.last_held_on else self.tr("never")
        days = line.days_since
        since = counted(self.tr("%n day(s)", "", days), days) if days is not None else "–"
        name = f"{line.name}  {isolated(line.original_name)}".strip()
        guardian = line.guardian_name or self.tr("none")
        return (line.case_number, name, guardian, last, since)

    def tooltip(self, line: OverdueVisit) -> str:
        if line.last_held_on is not None:
            seen = self.tr("last visited on {0}").format(date_text(line.last_held_on))
        elif line.appointed_on is not None:
            seen = self.tr("never visited since the guardian was appointed on {0}").format(
                date_text(line.appointed_on)
            )
        else:
            seen = self.tr("no guardian is appointed and no visit was held")
        return f"{line.case_number} {line.name} {isolated(line.original_name)}: {seen}"

    def record(self, line: OverdueVisit) -> tuple[str, int]:
        return ("children", line.child_id)

    def needs_attention(self, line: OverdueVisit) -> bool:
        # Every line is past the interval; those not seen for twice as long stand out.
        return line.days_since is None or line.days_since > 2 * self.interval_days


class TurningAdultModel(LinesModel):
    """Open cases of children who turn 18 soon (or already have): the 18th birthday first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("TurningAdultModel", "Case"),
        QT_TRANSLATE_NOOP("TurningAdultModel", "Child"),
        QT_TRANSLATE_NOOP("TurningAdultModel", "Turns 18"),
        QT_TRANSLATE_NOOP("TurningAdultModel", "Time left"),
    )
    ATTENTION_COLUMN = 3

    def cells(self, line: TurningAdult) -> tuple[str, ...]:
        days = line.days_left
        if days < 0:
            text = counted(self.tr("turned 18 %n day(s) ago", "", -days), -days)
        elif days == 0:
            text = self.tr("today")
        else:
            text = counted(self.tr("in %n day(s)", "", days), days)
        name = f"{line.name}  {isolated(line.original_name)}".strip()
        when = date_text(line.adult_on)
        if line.dob_estimated:
            # TRANSLATORS: a date worked out from an estimated date of birth.
            when = self.tr("{0} (estimated)").format(when)
        return (line.case_number, name, when, text)

    def tooltip(self, line: TurningAdult) -> str:
        if line.dob_estimated:
            return self.tr("{0} {1} {2}: born about {3} (estimated), 18 on {4}").format(
                line.case_number,
                line.name,
                isolated(line.original_name),
                date_text(line.date_of_birth),
                date_text(line.adult_on),
            )
        return self.tr("{0} {1} {2}: born {3}, 18 on {4}").format(
            line.case_number,
            line.name,
            isolated(line.original_name),
            date_text(line.date_of_birth),
            date_text(line.adult_on),
        )

    def record(self, line: TurningAdult) -> tuple[str, int]:
        return ("children", line.child_id)

    def needs_attention(self, line: TurningAdult) -> bool:
        return line.days_left <= 30


class FollowUpsModel(LinesModel):
    """Follow-up actions of visit reports due today or overdue, not done: the oldest first."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FollowUpsModel", "Case"),
        QT_TRANSLATE_NOOP("FollowUpsModel", "Action"),
        QT_TRANSLATE_NOOP("FollowUpsModel", "Due"),
    )
    ATTENTION_COLUMN = 2

    def cells(self, line: FollowUpLine) -> tuple[str, ...]:
        days = line.days_overdue
        if days > 0:
            due = counted(self.tr("overdue by %n day(s)", "", days), days)
        else:
            due = self.tr("due today")
        return (line.case_number, line.action, due)

    def tooltip(self, line: FollowUpLine) -> str:
        return self.tr("{0} {1}: {2}, due on {3}").format(
            line.case_number, line.name, line.action, date_text(line.due_on)
        )

    def record(self, line: FollowUpLine) -> tuple[str, int]:
        return ("children", line.child_id)

    def needs_attention(self, line: FollowUpLine) -> bool:
        return line.days_overdue > 0
