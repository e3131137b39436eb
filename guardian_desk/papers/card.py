"""The child's card "Your guardian": who the guardian and the mediator are, the next visit and
whom to call, in English, the office's language and the child's language.

The labels are data (resources/papers/card_texts.json), one entry per ISO 639-3 code; a language
without an entry is left out, never printed in a wrong script. Names and numbers are printed as
they are, beside labels that read right to left in the right-to-left languages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from guardian_desk.papers.blocks import officer_signatory, present, reference_line, signatures
from guardian_desk.papers.content import CardContent, Letterhead
from guardian_desk.papers.flowables import TextBlock
from guardian_desk.papers.languages import paper_language
from guardian_desk.papers.layout import CONTENT_WIDTH, GREY, build_pdf, table_style
from guardian_desk.papers.text import Span, TextStyle
from guardian_desk.paths import resources_dir

_LABELS = ("your_guardian", "phone", "your_mediator", "next_visit", "help_call")
_PADDING = 5 * mm


@dataclass(frozen=True)
class CardLanguage:
    code: str
    name: str  # the language's own name
    rtl: bool
    labels: dict[str, str]


def card_texts_path() -> str:
    return str(resources_dir() / "papers" / "card_texts.json")


@lru_cache(maxsize=1)
def card_languages() -> dict[str, CardLanguage]:
    """Every language the card can be printed in, by ISO 639-3 code (aliases included)."""
    with open(card_texts_path(), encoding="utf-8") as handle:
        data = json.load(handle)
    languages = {}
    for code, entry in data["languages"].items():
        missing = [key for key in ("name", *_LABELS) if not entry.get(key)]
        if missing:
            raise ValueError(f"card_texts.json: language {code} lacks {', '.join(missing)}")
        labels = {key: entry[key] for key in _LABELS}
        languages[code] = CardLanguage(code, entry["name"], entry["direction"] == "rtl", labels)
    for alias, code in data.get("aliases", {}).items():
        if code in languages:
            languages.setdefault(alias, languages[code])
    return languages


def card_language_codes(content: CardContent) -> list[str]:
    """English, the office's language, the child's language: those with labels, each once."""
    known = card_languages()
    chosen: list[str] = []
    for code in ("eng", content.office_language, content.child_language):
        language = known.get((code or "").strip().lower())
        if language is not None and language.code not in chosen:
            chosen.append(language.code)
    return chosen


def _when(value: datetime | date) -> str:
    """Digits only (18.03.2025, 10:30): read the same in every language of the card."""
    if isinstance(value, datetime):
        return f"{value:%d.%m.%Y, %H:%M}"
    return f"{value:%d.%m.%Y}"


def _rows(content: CardContent) -> list[tuple[str, str]]:
    """(label key, value) for what the card says, leaving out what is not known."""
    rows: list[tuple[str, str | None]] = [
        ("your_guardian", content.guardian_name),
        ("phone", content.guardian_phone),
    ]
    if present(content.mediator_name):
        rows += [("your_mediator", content.mediator_name), ("phone", content.mediator_phone)]
    rows.append(("next_visit", _when(content.next_visit) if content.next_visit else None))
    rows.append(("help_call", content.help_phone))
    return [(key, value) for key, value in rows if value is not None and present(value)]


def _section(language: CardLanguage, rows: Sequence[tuple[str, str]]) -> list[list[Flowable]]:
    """The language's own name, then a row per fact: label and value (mirrored right to left)."""
    side = "right" if language.rtl else "left"
    direction = "rtl" if language.rtl else "ltr"
    heading_style = TextStyle(size=9, color=GREY, align=side, direction=direction)
    label_style = TextStyle(size=10, align=side, direction=direction)
    value_style = TextStyle(size=12, align=side, direction="auto")
    name = TextBlock([Span(language.name, bold=True)], heading_style)
    result: list[list[Flowable]] = [[name, _EMPTY]]
    for key, value in rows:
        label = TextBlock(language.labels[key], label_style)
        shown = TextBlock([Span(value, bold=True)], value_style)
        result.append([shown, label] if language.rtl else [label, shown])
    return result


_EMPTY = Spacer(0, 0)


def _card(content: CardContent, letterhead: Letterhead) -> Flowable:
    """One table, so that even a card with very long names can continue on the next page."""
    rows = _rows(content)
    data: list[list[Flowable]] = [
        [TextBlock([Span(letterhead.office_name)], TextStyle(size=8, color=GREY)), _EMPTY],
        [
            TextBlock([Span(content.child_name, bold=True)], TextStyle(size=16, direction="auto")),
            _EMPTY,
        ],
    ]
    commands: list[tuple[object, ...]] = [
        ("SPAN", (0, 0), (1, 0)),
        ("SPAN", (0, 1), (1, 1)),
        ("BOX", (0, 0), (-1, -1), 0.8, GREY, None, (4, 3)),  # dashed: cut along it
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (0, 0), (0, -1), _PADDING),
        ("RIGHTPADDING", (-1, 0), (-1, -1), _PADDING),
        ("RIGHTPADDING", (0, 0), (0, 1), _PADDING),  # the spanned rows end at the right edge
        ("RIGHTPADDING", (0, 2), (0, -1), 2 * mm),
        ("LEFTPADDING", (1, 2), (1, -1), 2 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, 0), _PADDING),
        ("BOTTOMPADDING", (0, -1), (-1, -1), _PADDING),
    ]
    for code in card_language_codes(content):
        language = card_languages()[code]
        section = _section(language, rows)
        first = len(data)
        commands.append(("SPAN", (0, first), (1, first)))
        commands.append(("RIGHTPADDING", (0, first), (0, first), _PADDING))
        commands.append(("TOPPADDING", (0, first), (0, first), 3 * mm))
        if len(section) > 2:
            line = (0.8, 0.8, 0.8)
            commands.append(
                ("LINEBELOW", (0, first + 1), (-1, first + len(section) - 2), 0.25, line)
            )
        data += section
    widths = [CONTENT_WIDTH / 2] * 2  # label and value; the columns swap right to left
    card = Table(data, colWidths=widths, hAlign="LEFT", splitInRow=1)
    card.setStyle(table_style(commands))
    return card


def render_card(
    content: CardContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    """The card to cut out and give to the child, with the office's copy details around it.

    The card itself speaks its own languages; ``language`` is that of the details around it.
    """
    with paper_language(language, bilingual):
        story: list[Flowable] = [
            reference_line(content),
            Spacer(0, 3 * mm),
            _card(content, letterhead),
            signatures([officer_signatory(content)]),
        ]
        return build_pdf(content, letterhead, story)
