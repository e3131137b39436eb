"""Importing a CSV file: all or nothing.

Every row is read and checked first (each problem is kept with its line, column and reason);
rows are checked against each other and against the database; only a file without a single
problem is written, through the services, so every record gets its audit row. The caller owns
the transaction (``session_scope``): nothing here commits, and an error while writing leaves
the rollback to the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from guardian_desk.domain.errors import ValidationError, ValidationErrors
from guardian_desk.exchange.cells import restored
from guardian_desk.exchange.columns import (
    ABSENCE_COLUMNS,
    ALL_COLUMNS,
    REQUIRED_COLUMNS,
    SLOT_COLUMNS,
    check_kind,
)
from guardian_desk.exchange.kinds import IMPORTERS
from guardian_desk.exchange.reader import CsvSource, FileProblem, count_lines
from guardian_desk.exchange.report import (
    ErrorSink,
    ImportCancelled,
    ImportFailed,
    ImportReport,
    RowError,
    TooManyErrors,
    file_name,
)
from guardian_desk.i18n import _, ngettext
from guardian_desk.security.roles import Permission, requires

PROGRESS_EVERY = 500
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

# A header cell that names no column: its values must be blank (spreadsheets add such columns).
_UNNAMED = ""


def _missing_columns(kind: str, present: set[str]) -> list[str]:
    missing = [name for name in REQUIRED_COLUMNS[kind] if name not in present]
    if kind == "availability":
        slot = [name for name in SLOT_COLUMNS if name not in present]
        absence = [name for name in ABSENCE_COLUMNS if name not in present]
        if len(slot) == len(SLOT_COLUMNS) and len(absence) == len(ABSENCE_COLUMNS):
            # TRANSLATORS: column names as files write them: keep them.
            missing.append(_("weekday, start, end (or absent_from, absent_to)"))
        elif len(slot) < len(SLOT_COLUMNS):
            missing += slot
        if len(absence) < len(ABSENCE_COLUMNS):
            missing += absence
    return missing


def check_header(kind: str, header: list[str], sink: ErrorSink) -> list[str | None] | None:
    """Each position's column name (None: ignored); None when required columns are missing."""
    known = ALL_COLUMNS[kind]
    names: list[str | None] = []
    present: set[str] = set()
    for cell in header:
        name = cell.strip().lower()
        if not name:
            names.append(_UNNAMED)
        elif name not in known:
            sink.add(
                1,
                name,
                "",
                # TRANSLATORS: {name} is a column in a CSV file's header, {file} is like "the
                # children file", {columns} lists the column names files use.
                _("column {name} is not a column of {file} (the columns are: {columns})").format(
                    name=name, file=file_name(kind), columns=", ".join(known)
                ),
            )
            names.append(None)
        elif name in present:
            problem = _("column {name} appears twice in the header").format(name=name)
            sink.add(1, name, "", problem)
            names.append(None)
        else:
            present.add(name)
            names.append(name)
    missing = _missing_columns(kind, present)
    if missing:
        listed = ", ".join(missing)
        count = 2 if len(missing) > 1 or "," in listed else 1
        # TRANSLATORS: {columns} names the columns as files write them.
        reason = ngettext("column {columns} is missing", "columns {columns} are missing", count)
        sink.add(1, listed, "", reason.format(columns=listed))
        return None
    return names


def row_values(
    line: int, names: list[str | None], fields: list[str], sink: ErrorSink
) -> dict[str, str] | None:
    """The row as column -> text; None if its values do not fit the header."""
    if len(fields) > len(names) and any(value.strip() for value in fields[len(names) :]):
        sink.add(
            line,
            "",
            "",
            # TRANSLATORS: {values} and {columns} are numbers larger than one.
            ngettext(
                "has {values} values but the header has {columns} column "
                "(a value containing a comma must be in double quotes)",
                "has {values} values but the header has {columns} columns "
                "(a value containing a comma must be in double quotes)",
                len(names),
            ).format(values=len(fields), columns=len(names)),
        )
        return None
    raw: dict[str, str] = {}
    for name, value in zip(names, fields, strict=False):  # missing trailing values are blank
        if name == _UNNAMED:
            if value.strip():
                sink.add(line, "", value, _("is in a column without a name in the header"))
        elif name is not None:
            raw[name] = restored(value)  # the apostrophe export puts before a formula-like cell
    return raw


def in_file_order(report: ImportReport, names: list[str | None] | None) -> None:
    """The problems by line, then by column as the file's header orders them (a row's own
    problem first): the order the officer reads the file in, whichever check found them."""
    position = {name: index for index, name in enumerate(names or ()) if name}

    def key(error: RowError) -> tuple[int, int, str]:
        if error.line == 1:  # the header's problems are found in its order already
            return 1, 0, ""
        column = -1 if not error.column else position.get(error.column, len(position))
        return error.line, column, error.column

    report.errors.sort(key=key)


@requires(Permission.EDIT_CASEWORK)
def import_csv(
    session: Session,
    kind: str,
    path: Path,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ImportReport:
    """Import a ``kind`` file; ImportFailed (nothing written) if any row has a problem.

    ``progress(done, total)`` is called every 500 rows: ``done`` counts rows checked, then
    rows checked plus records written, out of ``total`` (rows + records; estimated from the
    file's line count until every row is read). ``cancel()`` is asked at the same points;
    True raises ImportCancelled (the caller rolls back whatever was written).
    """
    check_kind(kind)
    path = Path(path)
    report = ImportReport(kind=kind, rows=0, errors=[])
    sink = ErrorSink(report)
    importer = IMPORTERS[kind](session, date.today())

    def step(done: int, total: int) -> None:
        if progress is not None:
            progress(done, max(total, done))
        if cancel is not None and cancel():
            raise ImportCancelled

    estimate = max(count_lines(path) - 1, 1)
    step(0, 2 * estimate)
    names: list[str | None] | None = None
    try:
        with CsvSource(path) as source:
            names = check_header(kind, source.header, sink)
            if names is None:
                raise ImportFailed(report)
            for line, fields in source.rows():
                report.rows += 1
                if report.rows % PROGRESS_EVERY == 0:
                    step(report.rows, 2 * max(estimate, report.rows))
                raw = row_values(line, names, fields, sink)
                if raw is not None:
                    importer.check_row(line, raw, sink)
                sink.row_done(line)
        importer.check_file(sink)
    except FileProblem as exc:
        sink.add_error(exc.error)
    except TooManyErrors:
        pass
    if not report.ok:
        in_file_order(report, names)
        raise ImportFailed(report)

    total = report.rows + importer.count()
    written = 0

    def tick() -> None:
        nonlocal written
        written += 1
        if written % PROGRESS_EVERY == 0:
            step(report.rows + written, total)

    step(report.rows, total)
    try:
        importer.write(session, tick)
    except (ValidationError, ValidationErrors) as exc:
        # A rule only the services know; the caller's rollback undoes what was written.
        sink.validation(importer.current_line, exc)
        raise ImportFailed(report) from exc
    refresh_statistics(session)
    if progress is not None:
        progress(total, total)
    return report


def refresh_statistics(session: Session) -> None:
    """PostgreSQL plans by statistics it gathers on its own only a while after bulk writes:
    on a freshly loaded office of 20,000 children the home page's lists took 16 s instead
    of 0.2 s until they were gathered (bench/pg_latency.py). ANALYZE samples each table (well
    under a second at that size) in the import's own transaction. SQLite plans well
    without (its figures are measured with none)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE"))
