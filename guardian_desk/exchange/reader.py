"""Reading a CSV file safely: UTF-8 (with or without BOM), comma or semicolon, line numbers.

The file is read line by line, so a large file of garbage costs little memory and fails at
its first bad line instead of after being loaded whole.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from guardian_desk.exchange.report import RowError, shown_value
from guardian_desk.i18n import _

MAX_LINE_BYTES = 1_000_000


class FileProblem(Exception):
    """The file cannot be read further; ``error`` says where and why."""

    def __init__(self, error: RowError) -> None:
        self.error = error
        super().__init__(str(error))


def count_lines(path: Path) -> int:
    """Physical lines in the file, counted fast in binary (for a progress estimate)."""
    lines = 0
    last = b"\n"
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (0 if last == b"\n" else 1)


def _printable(text: str) -> str:
    return "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text).strip()


def _decoded_lines(f: BinaryIO) -> Iterator[str]:
    """The file's lines as text, line endings kept (csv needs them for quoted line breaks)."""
    number = 0
    while raw := f.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            raise FileProblem(
                RowError(
                    number, "", "", _("is longer than 1 MB: this does not look like a CSV file")
                )
            )
        if b"\x00" in raw:
            raise FileProblem(
                RowError(
                    number,
                    "",
                    "",
                    _(
                        "is not UTF-8 text (it contains NUL bytes: the file is UTF-16, Excel's "
                        "'Unicode Text', or not text at all); save it from your spreadsheet as "
                        '"CSV UTF-8 (comma delimited)" and try again'
                    ),
                )
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            around = raw[max(0, exc.start - 30) : exc.start + 10].decode("utf-8", "replace")
            raise FileProblem(
                RowError(
                    number,
                    "",
                    shown_value(_printable(around)),
                    # TRANSLATORS: {byte} is a byte's value such as 0xe8.
                    _(
                        "is not UTF-8 text (byte {byte}); save it from your spreadsheet as "
                        '"CSV UTF-8 (comma delimited)" and try again'
                    ).format(byte=f"0x{raw[exc.start]:02x}"),
                )
            ) from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _delimiter(header_line: str) -> str:
    """Comma, or semicolon when the header clearly uses it (Excel in many European locales)."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


class CsvSource:
    """``with CsvSource(path) as src:`` then ``src.header`` and ``for line, fields in src.rows()``.

    Reading problems (encoding, an overlong line, broken quoting) raise FileProblem.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header: list[str] = []
        self.delimiter = ","
        self._file: BinaryIO | None = None
        self._reader: Any = None  # csv's reader object (its type is private)
        self._line_num = 0

    def __enter__(self) -> CsvSource:
        self._file = self.path.open("rb")
        lines = _decoded_lines(self._file)
        first = next(lines, None)
        if first is None or not first.strip():
            raise FileProblem(RowError(1, "", "", _("is empty: the file must start with a header")))
        self.delimiter = _delimiter(first)
        self._reader = csv.reader(chain([first], lines), delimiter=self.delimiter)
        self.header = self._next_record() or []
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.close()

    def _next_record(self) -> list[str] | None:
        try:
            record = next(self._reader, None)
        except csv.Error as exc:
            raise FileProblem(
                # TRANSLATORS: {problem} is the CSV reader's own words, in English.
                RowError(
                    self._line_num + 1,
                    "",
                    "",
                    _("is not readable CSV ({problem})").format(problem=exc),
                )
            ) from None
        self._line_num = self._reader.line_num
        return record

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Each record with the line it starts on; blank lines are skipped."""
        while True:
            start = self._line_num + 1
            record = self._next_record()
            if record is None:
                return
            if any(value.strip() for value in record):
                yield start, record
