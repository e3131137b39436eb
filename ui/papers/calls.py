"""What the Print menu runs on the worker: issuing papers, and PDF pages as plain images.

Everything here returns plain data (bytes and dataclasses), never ORM objects or Qt objects:
the GUI thread wraps page bytes into QImages. pypdfium2 is not thread-safe, and every call
here runs on the bridge's single worker, one at a time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from guardian_desk.domain.enums import DocumentKind

if TYPE_CHECKING:  # the core's database side loads on the worker, when first used
    from guardian_desk.papers.register import IssuedPaper, PaperChoice

PREVIEW_DPI = 150.0  # sharp at 100 % and when zoomed in a little
SCREEN_DPI = 96.0  # 100 % shows the page about its real size
PRINT_DPI_CAP = 300.0  # enough for text; a 600 dpi A4 page would take 140 MB as RGBA


class BatchCancelled(Exception):
    """The officer cancelled a batch: the unit of work rolls back, no paper is registered."""


@dataclass(frozen=True)
class PageImage:
    """One rendered page: RGBA bytes, row after row."""

    width: int
    height: int
    data: bytes


@dataclass(frozen=True)
class PaperSet:
    """One or more issued papers, combined into one PDF for preview, print and save."""

    title: str  # the window title: a reference and subject, or "3 papers"
    file_name: str  # suggested for "Save as PDF…"
    pdf: bytes
    references: tuple[str, ...]
    pages: tuple[PageImage, ...]  # rendered for the preview


def render_pages(pdf: bytes, dpi: float = PREVIEW_DPI) -> tuple[PageImage, ...]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        found = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72.0)
            image = bitmap.to_pil().convert("RGBA")
            found.append(PageImage(image.width, image.height, image.tobytes()))
            bitmap.close()
            page.close()
        return tuple(found)
    finally:
        document.close()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def merge_pdfs(pdfs: Sequence[bytes]) -> bytes:
    """The papers one after another in one PDF (the batch's single file)."""
    if len(pdfs) == 1:
        return pdfs[0]
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(pdf) for pdf in pdfs]
    try:
        for source in sources:
            merged.import_pages(source)
        buffer = io.BytesIO()
        merged.save(buffer)
        return buffer.getvalue()
    finally:
        for source in sources:
            source.close()
        merged.close()


def paper_set(papers: Sequence[IssuedPaper], *, render: bool = True) -> PaperSet:
    pdf = merge_pdfs([p.pdf for p in papers])
    if len(papers) == 1:
        title = f"{papers[0].reference} – {papers[0].subject}"
        name = papers[0].file_name
    else:
        title = f"{len(papers)} papers ({papers[0].reference} – {papers[-1].reference})"
        name = f"{papers[0].reference}-to-{papers[-1].reference}.pdf"
    pages = render_pages(pdf) if render else ()
    return PaperSet(title, name, pdf, tuple(p.reference for p in papers), pages)


def batch_choices(session: Any, assignment_ids: Sequence[int]) -> list[PaperChoice]:
    """The appointment decisions and mediator letters of these assignments, each once."""
    from guardian_desk.papers.register import papers_for_assignment

    seen: set[tuple[DocumentKind, int | None]] = set()
    chosen: list[PaperChoice] = []
    for assignment_id in assignment_ids:
        for choice in papers_for_assignment(session, assignment_id):
            key = (choice.kind, choice.assignment_id)
            if choice.kind is DocumentKind.CARD or key in seen:
                continue
            seen.add(key)
            chosen.append(choice)
    return chosen


def issue_batch(session: Any, task: Any, assignment_ids: Sequence[int]) -> PaperSet:
    """Issue every letter of a bulk match into one PDF; ``task`` reports progress and cancel."""
    from guardian_desk.papers.register import issue_choice

    choices = batch_choices(session, assignment_ids)
    total = len(choices) + 1  # the last step combines and renders the preview
    issued: list[IssuedPaper] = []
    task.progress(0, total)
    for done, choice in enumerate(choices, start=1):
        if task.cancelled():
            raise BatchCancelled()
        issued.append(issue_choice(session, choice))
        task.progress(done, total)
    if not issued:
        raise BatchCancelled()
    made = paper_set(issued)
    if task.cancelled():  # the last moment: after this the unit of work commits
        raise BatchCancelled()
    task.progress(total, total)
    return made


def issue_choices(
    session: Any,
    choices: Sequence[PaperChoice],
    language: str | None = None,
    bilingual: bool = False,
) -> PaperSet:
    """``language``: None prints in the office's language; ``bilingual``: English beside it."""
    from guardian_desk.papers.register import issue_choice

    return paper_set(
        [issue_choice(session, c, language=language, bilingual=bilingual) for c in choices]
    )


@dataclass(frozen=True)
class PaperRequest:
    """What the officer asked for in the Print menu, by case number, code or reference."""

    kind: DocumentKind | None  # None: a copy of ``reference``
    case_number: str = ""
    role: str = "guardian"  # a schedule's person: "guardian" or "mediator"
    code: str = ""
    period: tuple[Any, Any] | None = None
    fields: tuple[str, ...] = ()
    purpose: str = "Referral"
    recipient: str = ""
    reference: str = ""
    language: str | None = None  # None: the office's language
    bilingual: bool = False  # with English beside it
    again: bool = False  # a new appointment decision although one was issued (after a change)


def issue_request(session: Any, request: PaperRequest) -> PaperSet:
    """Resolve the numbers and codes, issue (or reprint) the paper, render its pages."""
    from guardian_desk.domain.errors import ValidationError
    from guardian_desk.papers.register import issue_document, reprint
    from guardian_desk.services.children import find_by_case_number
    from guardian_desk.services.staff import find_by_code

    if request.kind is None:
        if not request.reference.strip():
            raise ValidationError("reference", "", "is required, e.g. GD-2026-000123")
        return paper_set([reprint(session, request.reference)])
    options: dict[str, Any] = {"language": request.language, "bilingual": request.bilingual}
    if request.again:
        options["again"] = True
    if request.kind is DocumentKind.SCHEDULE:
        if not request.code.strip():
            raise ValidationError("code", "", f"is required: the {request.role}'s code")
        person = find_by_code(
            session, "guardian" if request.role == "guardian" else "mediator", request.code
        )
        options[f"{request.role}_id"] = person.id
        options["period"] = request.period
    else:
        if not request.case_number.strip():
            raise ValidationError("case_number", "", "is required, e.g. AL-2026-00012")
        options["child_id"] = find_by_case_number(session, request.case_number).id
    if request.kind is DocumentKind.SUMMARY:
        options.update(fields=request.fields, purpose=request.purpose, recipient=request.recipient)
    return paper_set([issue_document(session, request.kind, **options)])
