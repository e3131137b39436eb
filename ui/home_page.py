"""The home page: what needs the officer today, in four lists (guardian_desk.services.home).

Each list is a small table model; double-click or Enter on a line asks the window to open its
record (``open_record(kind, id)``). Deadlines close at hand are drawn in an attention colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guardian_desk.i18n import _, ngettext
from guardian_desk.i18n.formats import date_text, datetime_text, number_text, weekday_text

if TYPE_CHECKING:  # the core (and SQLAlchemy) load on the worker, not before the window
    from guardian_desk.services.home import (
        HomeSummary,
        Section,
    )

from ui.home_models import (
    FollowUpsModel,
    LinesModel,
    OverdueModel,
    RecordRole,
    TurningAdultModel,
    VettingModel,
    VisitsModel,
    WaitingModel,
    attention_color,
    week_day,
)


class RecordTable(QTableView):
    """A read-only list whose lines open their record on double-click or Enter."""

    chosen = Signal(QModelIndex)
    MIN_NAME = 64  # a name column narrower than this scrolls instead (1280 px: three lists a row)
    MIN_OTHER = 44  # a date or a count, elided to its first characters before the list scrolls

    def __init__(self, model: LinesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._stretch = model.STRETCH_COLUMN
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Measure the first rows only: the lists hold up to 200 lines, and measuring them all
        # at every start froze the window for most of a second.
        header.setResizeContentsPrecision(30)
        self._natural: list[int] | None = None
        self.doubleClicked.connect(self.chosen)
        model.modelReset.connect(self._measure)

    def _measure(self) -> None:
        self._natural = None
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their text; the stretching one takes what is left. When the room
        is short the name columns give it up first, then the others (all but the case number)
        in proportion, their text elided: nothing is pushed off to a horizontal scroll."""
        header, model = self.horizontalHeader(), self.model()
        if not header.count() or not isinstance(model, LinesModel):
            return
        if self._natural is None:  # measured once per content, not at every resize
            self._natural = [
                max(self.sizeHintForColumn(c), header.sectionSizeHint(c))
                for c in range(header.count())
            ]
        widths = list(self._natural)
        short = sum(widths) - self.viewport().width()
        if short < 0:
            widths[model.STRETCH_COLUMN] -= short
        for column in model.SHRINK_COLUMNS:
            give = min(max(short, 0), max(widths[column] - self.MIN_NAME, 0))
            widths[column] -= give
            short -= give
        # Still short (three lists a row at 1280 px): the other columns' text is elided too;
        # the tooltip keeps the whole line.
        if short > 0:  # each other column gives up room in proportion to what it has spare
            spare = {c: max(widths[c] - self.MIN_OTHER, 0) for c in range(1, len(widths))}
            total = sum(spare.values())
            for column, room in spare.items():
                if total:
                    widths[column] -= min(room, -(-short * room // total))
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.chosen.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class HomeSection(QFrame):
    """A titled list with its count, a note, an empty-state line and a 'showing N of M' line."""

    def __init__(self, title: str, model: LinesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        heading = QHBoxLayout()
        self.title = QLabel(title)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.count = QLabel()
        self.count.setFont(font)
        heading.addWidget(self.title)
        heading.addStretch()
        heading.addWidget(self.count)
        layout.addLayout(heading)
        self.note = QLabel(wordWrap=True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.note)
        self.extra = QVBoxLayout()  # room for the visits' day/week switch
        self.extra.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.extra)
        self.model = model
        self.table = RecordTable(model)
        self.empty = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.more = QLabel()
        self.more.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.more.hide()
        layout.addWidget(self.more)

    def show_section(self, section: Section[Any], empty_text: str, note: str = "") -> None:
        self.model.set_lines(section.lines)
        self.count.setText(number_text(section.total))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.empty.setText(empty_text)
        self.stack.setCurrentWidget(self.table if section.lines else self.empty)
        shown = len(section.lines)
        self.more.setText(
            ngettext(
                "Showing the first {shown} of {total}.",
                "Showing the first {shown} of {total}.",
                shown,
            ).format(shown=number_text(shown), total=number_text(section.total))
        )
        self.more.setVisible(section.truncated)


class HomePage(QWidget):
    """Today's work at a glance; refreshed with a new HomeSummary whenever data changes."""

    open_record = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: HomeSummary | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self.heading = QLabel(self.tr("Today"))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        # Children missing now: an alarm above the lists, shown only while someone is missing.
        self.missing = QLabel(wordWrap=True)
        self.missing.setObjectName("missing_children")
        self.missing.setTextFormat(Qt.TextFormat.RichText)
        self.missing.setFrameShape(QFrame.Shape.StyledPanel)
        self.missing.setContentsMargins(8, 4, 8, 4)
        self.missing.linkActivated.connect(self._missing_link)
        self.missing.hide()
        layout.addWidget(self.missing)
        # Early warnings (Protection): a count per kind, each a link to the list; hidden at none.
        self.warnings = QLabel(wordWrap=True)
        self.warnings.setObjectName("early_warnings")
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.warnings.setFrameShape(QFrame.Shape.StyledPanel)
        self.warnings.setContentsMargins(8, 4, 8, 4)
        self.warnings.linkActivated.connect(self._warnings_link)
        self.warnings.hide()
        layout.addWidget(self.warnings)
        self.visits_model = VisitsModel(self)
        self.visits = HomeSection(self.tr("Visits"), self.visits_model)
        self.days = QTabBar()
        self.days.setDrawBase(False)
        self.days.setExpanding(False)
        self.days.addTab(self.tr("Today"))
        self.days.addTab(self.tr("This week"))
        self.days.currentChanged.connect(self._show_visits)
        self.visits.extra.addWidget(self.days)
        self.waiting = HomeSection(self.tr("Waiting for a guardian"), WaitingModel(self))
        self.vetting = HomeSection(self.tr("Vetting expiring"), VettingModel(self))
        self.overdue_model = OverdueModel(self)
        self.overdue = HomeSection(self._overdue_title(30), self.overdue_model)
        self.turning_adult = HomeSection(self.tr("Turning 18"), TurningAdultModel(self))
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.visits, 0, 0)
        grid.addWidget(self.waiting, 0, 1)
        grid.addWidget(self.vetting, 1, 0)
        grid.addWidget(self.overdue, 1, 1)
        grid.addWidget(self.turning_adult, 0, 2)
        self.follow_ups = HomeSection(self.tr("Follow-ups due"), FollowUpsModel(self))
        grid.addWidget(self.follow_ups, 1, 2)
        for n in (0, 1):
            grid.setRowStretch(n, 1)
        for n in range(grid.columnCount()):
            grid.setColumnStretch(n, 1)
        layout.addLayout(grid, 1)
        for section in self.sections():
            section.table.chosen.connect(self._chosen)

    def sections(self) -> tuple[HomeSection, ...]:
        return (
            self.visits,
            self.waiting,
            self.vetting,
            self.overdue,
            self.turning_adult,
            self.follow_ups,
        )

    def show_summary(self, summary: HomeSummary) -> None:
        self._summary = summary
        # TRANSLATORS: {0} is the day of the week ("Wednesday"), {1} the date ("25 November 2026").
        self.heading.setText(
            self.tr("Today, {0}, {1}").format(
                weekday_text(summary.today, short=False), date_text(summary.today, long=True)
            )
        )
        today, week = summary.visits_today.total, summary.visits_this_week.total
        # TRANSLATORS: a tab: today's visits, and how many there are.
        self.days.setTabText(0, self.tr("Today ({0})").format(number_text(today)))
        # TRANSLATORS: a tab: this week's visits, and how many there are.
        self.days.setTabText(1, self.tr("This week ({0})").format(number_text(week)))
        self._show_visits()
        self.waiting.show_section(
            summary.waiting,
            self.tr("No child is waiting for a guardian."),
            self._deadline_note(summary.appointment_deadline_days, summary.waiting_overdue),
        )
        days = summary.vetting_warning_days
        self.vetting.show_section(
            summary.vettings,
            ngettext(
                "No vetting expires in the next {count} day.",
                "No vetting expires in the next {count} days.",
                days,
            ).format(count=days),
            ngettext(
                "Active guardians and mediators whose vetting expires within {count} day.",
                "Active guardians and mediators whose vetting expires within {count} days.",
                days,
            ).format(count=days),
        )
        interval = summary.visit_interval_days
        self.overdue_model.interval_days = interval
        self.overdue.title.setText(self._overdue_title(interval))
        self.overdue.show_section(
            summary.overdue_visits,
            ngettext(
                "Every child under guardianship was visited in the last {count} day.",
                "Every child under guardianship was visited in the last {count} days.",
                interval,
            ).format(count=interval),
            self.tr("Children under guardianship without a held visit, longest first."),
        )
        adult_days = summary.turning_adult_days
        self.turning_adult.show_section(
            summary.turning_adult,
            ngettext(
                "No open case of a child turning 18 in the next {count} day.",
                "No open case of a child turning 18 in the next {count} days.",
                adult_days,
            ).format(count=adult_days),
            ngettext(
                "Open cases of children who turn 18 within {count} day, or already have: "
                "plan the transition or close the case.",
                "Open cases of children who turn 18 within {count} days, or already have: "
                "plan the transition or close the case.",
                adult_days,
            ).format(count=adult_days),
        )

        self.follow_ups.show_section(
            summary.follow_ups,
            self.tr("No follow-up of a visit report is due."),
            self.tr("Actions from visit reports due today or overdue, not done."),
        )
        self._show_missing(summary)
        if summary.early_warnings is not None:  # else they come on their own
            self.show_warning_counts(summary.early_warnings)

    MISSING_SHOWN = 5  # lines in the missing-children alarm; the rest are counted

    def _show_missing(self, summary: HomeSummary) -> None:
        section = summary.missing
        self.missing.setVisible(section.total > 0)
        if not section.total:
            self.missing.clear()
            return
        colour = attention_color(self.palette()).name()
        title = ngettext(
            "{count} child is missing", "{count} children are missing", section.total
        ).format(count=number_text(section.total))
        lines = [f'<b style="color:{colour}">{escape(title)}</b>']
        for line in section.lines[: self.MISSING_SHOWN]:
            if line.reported_to_police:
                police = self.tr("reported to the police")
            else:
                police = self.tr("not yet reported to the police")
            # TRANSLATORS: {0} when the child went missing, {1} where last seen, {2} the police.
            text = self.tr("missing since {0}, last seen at {1}; {2}").format(
                datetime_text(line.missing_since),
                line.last_seen_place or self.tr("a place not known"),
                police,
            )
            who = f"{line.case_number} {line.name}".strip()
            lines.append(f'<a href="children:{line.child_id}">{escape(who)}</a> {escape(text)}')
        hidden = section.total - min(len(section.lines), self.MISSING_SHOWN)
        if hidden > 0:
            lines.append(
                escape(
                    ngettext("and {count} more", "and {count} more", hidden).format(
                        count=number_text(hidden)
                    )
                )
            )
        self.missing.setText("<br>".join(lines))

    def show_warning_counts(self, counted: Sequence[tuple[str, int]]) -> None:
        """The early-warning line: each kind with its count, a link to the list."""
        counts = [(kind, count) for kind, count in counted if count]
        total = sum(count for _kind, count in counts)
        self.warnings.setVisible(total > 0)
        if not total:
            self.warnings.clear()
            return
        # The counts came from the worker: the core's names are loaded already.
        from guardian_desk.services.early_warning import WARNING_NAMES, WarningKind

        colour = attention_color(self.palette()).name()
        title = ngettext("{count} early warning", "{count} early warnings", total).format(
            count=number_text(total)
        )
        links = []
        for kind, count in counts:
            name = WARNING_NAMES.get(WarningKind(kind))
            # TRANSLATORS: {0} a kind of early warning ("Not screened yet"), {1} how many.
            text = self.tr("{0}: {1}").format(_(name) if name else kind, number_text(count))
            links.append(f'<a href="warnings:{escape(kind)}">{escape(text)}</a>')
        everything = escape(self.tr("Open the list"))
        self.warnings.setText(
            f'<b style="color:{colour}">{escape(title)}</b>: '
            + " · ".join(links)
            + f' — <a href="warnings:">{everything}</a>'
        )

    def _warnings_link(self, link: str) -> None:
        """Protection ▸ Early warnings…, showing the kind clicked (loaded only when asked)."""
        from ui.protection.warnings_window import open_warnings

        open_warnings(self.window(), link.partition(":")[2])

    def _missing_link(self, link: str) -> None:
        kind, _sep, record = link.partition(":")
        if record.isdigit():
            self.open_record.emit(kind, int(record))

    @staticmethod
    def _overdue_title(interval: int) -> str:
        return ngettext(
            "No visit within {count} day", "No visit within {count} days", interval
        ).format(count=interval)

    @staticmethod
    def _deadline_note(days: int, overdue: int) -> str:
        deadline = ngettext(
            "Deadline: {count} working day after identification.",
            "Deadline: {count} working days after identification.",
            days,
        ).format(count=days)
        late = ngettext("{count} overdue.", "{count} overdue.", overdue).format(
            count=number_text(overdue)
        )
        return f"{deadline} {late}"

    def _show_visits(self) -> None:
        summary = self._summary
        if summary is None:
            return
        today = self.days.currentIndex() == 0
        if today:
            section, empty = summary.visits_today, self.tr("No visits today.")
        else:
            section, empty = summary.visits_this_week, self.tr("No visits this week.")
        self.visits_model.show_day = not today
        note = self.tr("{0} to {1}, cancelled visits left out.").format(
            week_day(summary.week_starts_on), week_day(summary.week_ends_on)
        )
        self.visits.show_section(section, empty, note)

    def _chosen(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if record is not None:
            kind, record_id = record
            self.open_record.emit(kind, record_id)
