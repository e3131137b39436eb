"""What an import found: the rows it read and every problem, by line and column."""

from __future__ import annotations

from dataclasses import dataclass, field

from guardian_desk.domain.errors import GuardianDeskError, ValidationError, ValidationErrors
from guardian_desk.domain.text import shown
from guardian_desk.i18n import N_, _, ngettext
from guardian_desk.i18n.formats import number_text

MAX_ERRORS = 1000
"""Problems kept in a report; checking stops once this many are found (a file of garbage)."""

_VALUE_LENGTH = 80


def shown_value(value: object) -> str:
    """A value as a report shows it: text, shortened, without line breaks, and hidden
    characters (a right-to-left override, a zero-width space) written as [U+XXXX]."""
    if value is None:
        return ""
    text = shown(str(value).replace("\r", " ").replace("\n", " "))
    return text if len(text) <= _VALUE_LENGTH else text[: _VALUE_LENGTH - 1] + "…"


_FILE_NAMES = {
    "facilities": N_("the facilities file"),
    "guardians": N_("the guardians file"),
    "mediators": N_("the mediators file"),
    "children": N_("the children file"),
    "availability": N_("the availability file"),
}


def file_name(kind: str) -> str:
    """ "the children file", translated, for a kind of CSV file."""
    known = _FILE_NAMES.get(kind)
    # TRANSLATORS: {kind} is a kind of file as the command line names it (children).
    return _(known) if known is not None else _("the {kind} file").format(kind=kind)


def _imported(kind: str, rows: int) -> str:
    if kind == "facilities":
        text = ngettext("Imported {count} facility.", "Imported {count} facilities.", rows)
    elif kind == "guardians":
        text = ngettext("Imported {count} guardian.", "Imported {count} guardians.", rows)
    elif kind == "mediators":
        text = ngettext("Imported {count} mediator.", "Imported {count} mediators.", rows)
    elif kind == "children":
        text = ngettext("Imported {count} child.", "Imported {count} children.", rows)
    elif kind == "availability":
        text = ngettext(
            "Imported {count} availability row.", "Imported {count} availability rows.", rows
        )
    else:
        # TRANSLATORS: {file} is like "the children file".
        text = ngettext("Imported {count} row of {file}.", "Imported {count} rows of {file}.", rows)
    return text.format(count=number_text(rows), file=file_name(kind))


@dataclass(frozen=True)
class RowError:
    """One problem: ``line`` is the physical line of the file (the header is line 1)."""

    line: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        # The header's problems (line 1) name their columns themselves.
        if self.column and self.line != 1:
            if self.value:
                # TRANSLATORS: {line} is a line number of a CSV file, {column} a column's name
                # as the file writes it, {value} the value in quotes, {problem} a phrase about
                # it ("is in the future").
                text = _("line {line}, {column}: {value} {problem}")
            else:
                # TRANSLATORS: {problem} is a phrase such as "is required".
                text = _("line {line}, {column}: {problem}")
        elif self.value:
            text = _("line {line}: {value} {problem}")
        else:
            text = _("line {line}: {problem}")
        return text.format(
            line=self.line, column=self.column, value=repr(self.value), problem=self.reason
        )


@dataclass
class ImportReport:
    kind: str
    rows: int
    errors: list[RowError]
    more_errors: int = 0  # problems found beyond MAX_ERRORS and not listed
    stopped_at_line: int | None = None  # checking gave up here (too many problems)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.more_errors

    @property
    def bad_lines(self) -> int:
        return len({e.line for e in self.errors})

    def summary(self) -> str:
        """One sentence for a message box; the errors themselves go in a table."""
        if self.ok:
            return _imported(self.kind, self.rows)
        header = any(e.line == 1 for e in self.errors)
        rows = self.bad_lines - (1 if header else 0)
        if header and rows:
            # TRANSLATORS: {file} is like "the children file".
            what = ngettext(
                "Nothing was imported from {file}: the header row is wrong and "
                "{count} row has errors",
                "Nothing was imported from {file}: the header row is wrong and "
                "{count} rows have errors",
                rows,
            )
        elif header:
            what = _("Nothing was imported from {file}: the header row is wrong")
        else:
            # TRANSLATORS: {file} is like "the children file".
            what = ngettext(
                "Nothing was imported from {file}: {count} row has errors",
                "Nothing was imported from {file}: {count} rows have errors",
                rows,
            )
        sentences = [what.format(file=file_name(self.kind), count=rows)]
        if self.more_errors:
            sentences.append(
                # TRANSLATORS: continues "Nothing was imported from the children file: …".
                ngettext(
                    " (the first {listed} problems are listed, and {count} more)",
                    " (the first {listed} problems are listed, and {count} more)",
                    self.more_errors,
                ).format(listed=len(self.errors), count=self.more_errors)
            )
        if self.stopped_at_line is not None:
            sentences.append(
                # TRANSLATORS: continues "Nothing was imported from the children file: …".
                _("; checking stopped at line {line}").format(line=self.stopped_at_line)
            )
        return "".join(sentences) + "."


class ImportFailed(GuardianDeskError):
    """The file has problems; nothing was written. ``report.errors`` lists them."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(report.summary())


class ImportCancelled(GuardianDeskError):
    """The officer cancelled the import; the caller's transaction must be rolled back."""

    def __init__(self) -> None:
        super().__init__(_("The import was cancelled; nothing was imported."))


class TooManyErrors(Exception):
    """Internal: the report is full, stop checking."""


@dataclass
class ErrorSink:
    """Collects problems into a report, up to MAX_ERRORS; then raises TooManyErrors."""

    report: ImportReport
    limit: int = MAX_ERRORS
    lines_with_errors: set[int] = field(default_factory=set)

    def add(self, line: int, column: str, value: object, reason: str) -> None:
        self.lines_with_errors.add(line)
        if len(self.report.errors) >= self.limit:
            self.report.more_errors += 1
            return
        self.report.errors.append(RowError(line, column, shown_value(value), reason))

    def add_error(self, error: RowError) -> None:
        self.add(error.line, error.column, error.value, error.reason)

    def validation(self, line: int, exc: ValidationError | ValidationErrors) -> None:
        for e in exc.errors if isinstance(exc, ValidationErrors) else [exc]:
            self.add(line, e.field, e.value, e.reason)

    def row_done(self, line: int) -> None:
        """Called after each row: stop once the report is full."""
        if len(self.report.errors) >= self.limit:
            self.report.stopped_at_line = line
            raise TooManyErrors

    def has(self, line: int) -> bool:
        return line in self.lines_with_errors
