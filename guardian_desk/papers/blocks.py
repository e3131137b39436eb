"""The pieces papers are made of: title, reference line, field tables, lists, signature blocks.

Every builder takes user text as plain strings (never markup) and leaves out what is missing:
a field whose value is None or blank prints no label either. The paper's own words are
translated by the caller (papers/languages.py: `both` for a heading or label, `paragraph`
for a sentence that a bilingual paper prints again in English, smaller and grey).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from guardian_desk.i18n import _
from guardian_desk.i18n.formats import date_text, datetime_text
from guardian_desk.papers.content import Paper
from guardian_desk.papers.flowables import SideBySide, TextBlock
from guardian_desk.papers.languages import Words, both, english_of
from guardian_desk.papers.layout import CONTENT_WIDTH, GREY, table_style
from guardian_desk.papers.text import Span, TextStyle

BODY = TextStyle(size=10)
SMALL = TextStyle(size=9)
LABEL = TextStyle(size=9, leading=14, color=GREY)  # the body's line height: rows align
TITLE = TextStyle(size=16)
HEADING = TextStyle(size=11)
RIGHT = TextStyle(size=10, align="end")
ENGLISH = TextStyle(size=8.5, color=GREY)  # a bilingual paper's English, under the local text
_LABEL_WIDTH = 45 * mm


@dataclass(frozen=True)
class Signatory:
    """Someone who signs: the role printed under the line, the name, and a title if any."""

    role: str
    name: str
    title: str | None = None


def officer_signatory(paper: Paper) -> Signatory:
    title = paper.officer_title
    english = paper.english.signatory_title if paper.english is not None else None
    if title and english and english != title:
        title = f"{title} / {english}"
    return Signatory(both(lambda: _("For the office")), paper.officer_name, title)


def format_date(day: date) -> str:
    """A date as the paper's language writes it in full: 14 March 2025, 14 mars 2025."""
    return date_text(day, long=True)


def format_when(value: datetime | date) -> str:
    """A date, with its time when there is one: 14 March 2025, 10:30."""
    if isinstance(value, datetime):
        return datetime_text(value, long=True)
    return format_date(value)


def present(value: str | None) -> bool:
    return value is not None and value.strip() != ""


def title(text: str) -> Flowable:
    return TextBlock([Span(text, bold=True)], TITLE, space_before=4 * mm, space_after=3 * mm)


def heading(text: str) -> Flowable:
    return TextBlock([Span(text, bold=True)], HEADING, space_before=4 * mm, space_after=1 * mm)


def body(text: str | Sequence[Span], space_after: float = 2 * mm) -> Flowable:
    return TextBlock(text, BODY, space_after=space_after)


def english_body(text: str, space_after: float = 2 * mm) -> Flowable:
    """A bilingual paper's English under the local paragraph: smaller, grey."""
    return TextBlock(text, ENGLISH, space_after=space_after)


def paragraph(words: Words) -> list[Flowable]:
    """A sentence of the paper's own, and on a bilingual paper its English under it."""
    english = english_of(words)
    if english is None:
        return [body(words())]
    return [body(words(), space_after=0.5 * mm), english_body(english)]


def office_text(local: str | None, english: str | None = None) -> list[Flowable]:
    """A text the office wrote (legal basis, closing), with its English one when bilingual."""
    found: list[Flowable] = []
    if present(local):
        found.append(body(local or "", space_after=0.5 * mm if present(english) else 2 * mm))
    if present(english) and english != local:
        found.append(english_body(english or ""))
    return found


def reference_line(paper: Paper) -> Flowable:
    """Reference number at the left, date at the right (and COPY beside the reference)."""
    left = [Span(both(lambda: _("Reference:")) + " ", bold=True), Span(paper.reference)]
    if paper.copy:
        left.append(Span("   " + both(lambda: _("COPY")), bold=True))
    right = [
        Span(both(lambda: _("Date:")) + " ", bold=True),
        Span(format_date(paper.issued_on)),
    ]
    return SideBySide([(TextBlock(left, BODY), 0.6), (TextBlock(right, RIGHT), 0.4)])


def _plain_table(padding: float = 0) -> TableStyle:
    return table_style(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ]
    )


def fields(
    rows: Iterable[tuple[str, str | None]], label_width: float = _LABEL_WIDTH
) -> list[Flowable]:
    """Labels beside their values, a row each; rows without a value are left out.

    A very long value continues on the next page (rows are separate flowables, each splits).
    """
    share = label_width / CONTENT_WIDTH
    return [
        SideBySide(
            [(TextBlock([Span(label)], LABEL), share), (TextBlock([Span(value)], BODY), 1 - share)],
            space_before=1.5,
            space_after=1.5,
        )
        for label, value in rows
        if value is not None and present(value)
    ]


def bullets(items: Iterable[str], english: Sequence[str] = ()) -> list[Flowable]:
    """A list with a bullet before each item; wrapped lines align with the item's text.

    ``english``: a bilingual paper's English items, each printed under its local one.
    """
    found: list[Flowable] = []
    shown = [item for item in items if present(item)]
    translations = [item for item in english if present(item)]
    for n, item in enumerate(shown):
        under = translations[n] if n < len(translations) else None
        if under == item:
            under = None
        found.append(
            TextBlock(
                item, BODY, bullet="•", indent=5 * mm, space_after=0.5 * mm if under else 1 * mm
            )
        )
        if under:
            found.append(TextBlock(under, ENGLISH, indent=5 * mm, space_after=1 * mm))
    return found


def signatures(signatories: Sequence[Signatory]) -> Flowable:
    """Side by side: room to sign, a line, then role, name and title under it."""
    gap = 12 * mm
    columns = max(len(signatories), 2)  # one signature takes half the width, not all of it
    width = (CONTENT_WIDTH - gap * (columns - 1)) / columns
    top: list[str] = []
    under: list[Flowable | str] = []
    widths: list[float] = []
    for n, person in enumerate(signatories):
        if n:
            top.append("")
            under.append("")
            widths.append(gap)
        spans = [Span(person.role, bold=True), Span("\n" + person.name)]
        if present(person.title):
            spans.append(Span("\n" + (person.title or "")))
        top.append("")
        under.append(TextBlock(spans, SMALL))
        widths.append(width)
    table = Table([top, under], colWidths=widths, rowHeights=[14 * mm, None], hAlign="LEFT")
    style = _plain_table(padding=2)
    for column in range(0, len(widths), 2):
        style.add("LINEBELOW", (column, 0), (column, 0), 0.6, (0, 0, 0))
    table.setStyle(style)
    return KeepTogether([Spacer(0, 6 * mm), table])
