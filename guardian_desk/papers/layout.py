"""The page every paper shares: A4, the office's letterhead, page numbers and the COPY mark.

The first page carries the full letterhead (logo, office name, address, contacts); later pages
a one-line header. Every page has a footer with the reference and "Page 1 of 2", written when
the document is saved, once the number of pages is known: build_pdf must be called inside the
paper's language (papers/languages.py) for the footer to be in it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, TableStyle

from guardian_desk.i18n import _, ngettext
from guardian_desk.papers.content import Letterhead, Paper
from guardian_desk.papers.flowables import draw_lines, draw_text
from guardian_desk.papers.fonts import BASE_FONT, register_fonts
from guardian_desk.papers.text import Span, TextStyle, layout

log = logging.getLogger(__name__)

PAGE_WIDTH: float = A4[0]  # reportlab ships no types: its values are Any
PAGE_HEIGHT: float = A4[1]
MARGIN: float = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
GREY = (0.35, 0.35, 0.35)
_LOGO_HEIGHT: float = 18 * mm
_LOGO_WIDTH: float = 40 * mm
_NAME_STYLE = TextStyle(size=14)
_ADDRESS_STYLE = TextStyle(size=9, color=GREY)
_HEADER_STYLE = TextStyle(size=8, color=GREY)
_FOOTER_LEFT = TextStyle(size=8, color=GREY)
_FOOTER_RIGHT = TextStyle(size=8, color=GREY, align="end")
_COPY_STYLE = TextStyle(size=110, color=(0.88, 0.88, 0.88), align="center")
_RULE_GAP: float = 4 * mm
# Arabic script is drawn larger and reaches higher than a line's box: room for it at the top.
_TOP_ROOM = 0.25


@lru_cache(maxsize=8)
def _logo(data: bytes) -> ImageReader | None:
    try:
        image = ImageReader(BytesIO(data))
        image.getSize()
    except Exception:  # a broken logo must not stop the paper being printed
        log.warning("the office logo is not a readable PNG or JPEG; printing without it")
        return None
    return image


def _contact_line(letterhead: Letterhead) -> str | None:
    parts = []
    if letterhead.phone:
        # TRANSLATORS: the office's phone number on the letterhead.
        parts.append(_("Phone {phone}").format(phone=letterhead.phone))
    if letterhead.email:
        parts.append(letterhead.email)
    return "   ·   ".join(parts) or None


class _Letterhead:
    """The first page's letterhead, laid out once to know how much room it takes."""

    def __init__(self, letterhead: Letterhead) -> None:
        self.logo = _logo(letterhead.logo) if letterhead.logo else None
        self.logo_size = (0.0, 0.0)
        text_left = 0.0
        if self.logo is not None:
            width, height = self.logo.getSize()
            scale = min(_LOGO_HEIGHT / height, _LOGO_WIDTH / width)
            self.logo_size = (width * scale, height * scale)
            text_left = self.logo_size[0] + 6 * mm
        self.text_left = text_left
        text_width = CONTENT_WIDTH - text_left
        self.name = layout([Span(letterhead.office_name, bold=True)], _NAME_STYLE, text_width)
        lines = [line for line in letterhead.address_lines if line.strip()]
        contact = _contact_line(letterhead)
        if contact:
            lines.append(contact)
        self.address = layout([Span("\n".join(lines))], _ADDRESS_STYLE, text_width)
        text_height = (
            len(self.name) * _NAME_STYLE.line_height
            + len(self.address) * _ADDRESS_STYLE.line_height
        )
        self.room = _TOP_ROOM * _NAME_STYLE.size
        self.height = max(text_height + self.room, self.logo_size[1])

    def draw(self, canvas: Canvas) -> float:
        """Draw at the top of the page; the y of the rule under it."""
        top = PAGE_HEIGHT - MARGIN
        if self.logo is not None:
            width, height = self.logo_size
            canvas.drawImage(self.logo, MARGIN, top - height, width, height, mask="auto")
        x = MARGIN + self.text_left
        used = draw_lines(canvas, self.name, _NAME_STYLE, x, top - self.room)
        draw_lines(canvas, self.address, _ADDRESS_STYLE, x, top - self.room - used)
        rule = top - self.height - _RULE_GAP / 2
        _rule(canvas, rule)
        return rule


def _one_line(
    canvas: Canvas, text: str, style: TextStyle, x: float, top: float, width: float
) -> None:
    """Headers and footers keep to one line: what does not fit there is left off."""
    draw_lines(canvas, layout([Span(text)], style, width)[:1], style, x, top)


def _rule(canvas: Canvas, y: float) -> None:
    canvas.saveState()
    canvas.setStrokeColorRGB(*GREY)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)
    canvas.restoreState()


def _copy_mark(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(40)
    # TRANSLATORS: written large across every page of a reprinted paper.
    mark = _("COPY")
    draw_text(canvas, [Span(mark, bold=True)], _COPY_STYLE, -PAGE_WIDTH / 2, 80, PAGE_WIDTH)
    canvas.restoreState()


def _numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages back until save, then writes "Page n of N" on each."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table's style. reportlab sets every cell's font, even for cells that hold only our
    TextBlocks, and its default, Helvetica, would be named unembedded in the PDF."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), BASE_FONT), *commands])


def build_pdf(paper: Paper, letterhead: Letterhead, story: Sequence[Flowable]) -> bytes:
    """Lay `story` out on the office's pages and return the PDF."""
    register_fonts()
    head = _Letterhead(letterhead)
    first_top = PAGE_HEIGHT - MARGIN - head.height - _RULE_GAP
    header_room = _TOP_ROOM * _HEADER_STYLE.size
    later_top = PAGE_HEIGHT - MARGIN - header_room - _HEADER_STYLE.line_height - _RULE_GAP
    bottom = MARGIN + 8 * mm

    def first_page(canvas: Canvas, _doc: Any) -> None:
        if paper.copy:
            _copy_mark(canvas)
        head.draw(canvas)

    def later_page(canvas: Canvas, _doc: Any) -> None:
        if paper.copy:
            _copy_mark(canvas)
        top = PAGE_HEIGHT - MARGIN - header_room
        _one_line(canvas, letterhead.office_name, _HEADER_STYLE, MARGIN, top, 115 * mm)
        _one_line(canvas, paper.reference, _FOOTER_RIGHT, MARGIN + 120 * mm, top, 50 * mm)
        _rule(canvas, top - _HEADER_STYLE.line_height - 1)

    def footer(canvas: Canvas, number: int, total: int) -> None:
        y = MARGIN + _FOOTER_LEFT.line_height
        # TRANSLATORS: the footer of every page: the paper's reference number.
        left = _("Reference {reference}").format(reference=paper.reference)
        if paper.copy:
            left = _("COPY") + "   ·   " + left
        _one_line(canvas, left, _FOOTER_LEFT, MARGIN, y, 115 * mm)
        page = ngettext("Page {page} of {pages}", "Page {page} of {pages}", total).format(
            page=number, pages=total
        )
        _one_line(canvas, page, _FOOTER_RIGHT, PAGE_WIDTH - MARGIN - 50 * mm, y, 50 * mm)

    first_frame = Frame(MARGIN, bottom, CONTENT_WIDTH, first_top - bottom, 0, 0, 0, 0, id="first")
    later_frame = Frame(MARGIN, bottom, CONTENT_WIDTH, later_top - bottom, 0, 0, 0, 0, id="later")
    out = BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{letterhead.office_name} {paper.reference}",
        author=letterhead.office_name,
        invariant=True,
        # reportlab starts every page in base-14 Helvetica, which is never embedded (an
        # archive's PDF/A check refuses it); a TrueType font starts no page in any font.
        initialFontName=BASE_FONT,
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", [first_frame], onPage=first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [later_frame], onPage=later_page),
        ]
    )
    doc.build(list(story), canvasmaker=_numbered_canvas(footer))
    return out.getvalue()
