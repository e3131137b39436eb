"""What an import found: the rows it read and every problem, by line and column."""

from __future__ import annotations

from dataclasses import dataclass, field

from guardian_desk.domain.errors import GuardianDeskError, ValidationError, ValidationErrors
from guardian_desk.domain.text import shown

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


@dataclass(frozen=True)
class RowError:
    """One problem: ``line`` is the physical line of the file (the header is line 1)."""

    line: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}"
        if self.column and not self.reason.startswith("column "):  # header errors name it
            where += f", {self.column}"
        what = f"{self.value!r} {self.reason}" if self.value else self.reason
        return f"{where}: {what}"


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
            return f"{self.rows} {self.kind} rows imported"
        header = any(e.line == 1 for e in self.errors)
        rows = self.bad_lines - (1 if header else 0)
        parts = []
        if header:
            parts.append("the header row is wrong")
        if rows:
            parts.append(
                f"{rows} row{'s' if rows != 1 else ''} ha{'ve' if rows != 1 else 's'} errors"
            )
        text = f"Nothing was imported from the {self.kind} file: " + " and ".join(parts)
        if self.more_errors:
            text += (
                f" (the first {len(self.errors)} problems are listed, and {self.more_errors} more)"
            )
        if self.stopped_at_line is not None:
            text += f"; checking stopped at line {self.stopped_at_line}"
        return text + "."


class ImportFailed(GuardianDeskError):
    """The file has problems; nothing was written. ``report.errors`` lists them."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(report.summary())


class ImportCancelled(GuardianDeskError):
    """The officer cancelled the import; the caller's transaction must be rolled back."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was imported.")


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
