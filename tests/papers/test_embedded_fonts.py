"""Every paper the app prints embeds every font it names: an archive's PDF/A check refuses a PDF
that names an unembedded one (reportlab's default, base-14 Helvetica, is never embedded)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from guardian_desk.domain.enums import DocumentKind
from guardian_desk.papers import PersonDetails, TerminationContent, render_termination
from guardian_desk.papers.coordinator_report import (
    CoordinatorReportContent,
    render_coordinator_report,
)
from guardian_desk.papers.missing_report import MissingReportContent, render_missing_report
from guardian_desk.papers.referral_letter import ReferralLetterContent, render_referral_letter
from guardian_desk.papers.transfer_summary import TransferSummaryContent, render_transfer_summary
from guardian_desk.protection.figures import coordinator_figures
from tests.papers import samples
from tests.papers.conftest import RENDERERS, render
from tests.papers.pdf import need_poppler
from tests.protection import figures_data

SENT = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def fonts_of(pdf: bytes) -> dict[str, bool]:
    """Every font the PDF names (pdffonts), and whether it is embedded."""
    need_poppler()
    if shutil.which("pdffonts") is None:
        pytest.fail("pdffonts is missing: apt-get install -y poppler-utils")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "paper.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    header, dashes, *rows = out.stdout.splitlines()
    columns = [c.strip() for c in _cut(header, dashes)]
    assert columns[0] == "name" and "emb" in columns, out.stdout
    fonts = {}
    for row in rows:
        cells = dict(zip(columns, (c.strip() for c in _cut(row, dashes)), strict=True))
        fonts[cells["name"]] = cells["emb"] == "yes"
    return fonts


def _cut(line: str, dashes: str) -> list[str]:
    """A pdffonts line cut into the columns its header's dashes mark."""
    cells, start = [], 0
    for part in dashes.split(" "):
        cells.append(line[start : start + len(part)])
        start += len(part) + 1
    return cells


def _termination() -> bytes:
    content = TerminationContent(
        **samples.COMMON,
        child=samples.child(),
        person=PersonDetails(samples.LATIN),
        role="Guardian",
        starts_on=date(2024, 9, 1),
        ends_on=date(2025, 3, 14),
        reason="The child turned 18",
        successor=PersonDetails(samples.CYRILLIC),
    )
    return render_termination(content, samples.LETTERHEAD)


def _missing_report() -> bytes:
    content = MissingReportContent(
        **samples.COMMON,
        child=samples.child(),
        appearance="About 160 cm, short black hair, blue jacket.",
        missing_since=SENT,
        last_seen_place="Kumanovo bus station",
        reported_to_police=True,
        police_reported_at=SENT,
        police_reference="KU-2025-4411",
        guardian=PersonDetails(samples.LATIN, phone="+389 70 111 222"),
        help_line="116 000",
    )
    return render_missing_report(content, samples.LETTERHEAD, language="sq", bilingual=True)


def _referral_letter() -> bytes:
    content = ReferralLetterContent(
        **samples.COMMON,
        recipient_kind="Police",
        recipient_name="Kumanovo police station",
        case_number="KU-2025-017",
        child=(("Name", samples.ARABIC), ("Nationality", "Afghanistan")),
        screening=("Signs of labour exploitation",),
        screened_on=date(2025, 3, 10),
        reason="The child described unpaid work on a farm.",
        legal_basis=samples.LEGAL_BASIS,
    )
    return render_referral_letter(content, samples.LETTERHEAD)


def _transfer_summary() -> bytes:
    content = TransferSummaryContent(
        **samples.COMMON,
        child_name=samples.ARABIC,
        case_number="KU-2025-017",
        office="Centre for Social Work Skopje",
        recipient="Centre for Social Work Skopje",
        sent_at=SENT,
        lines=(("Name", samples.ARABIC), ("Languages", "Dari, Pashto")),
        attachments=(("case.json", "0" * 64),),
    )
    return render_transfer_summary(content, samples.LETTERHEAD)


PRINTERS: dict[str, Callable[[], bytes]] = {
    "termination": _termination,
    "missing_report": _missing_report,
    "referral_letter": _referral_letter,
    "transfer_summary": _transfer_summary,
}


def test_every_kind_of_paper_is_printed_here() -> None:
    printed = {*RENDERERS, *PRINTERS, DocumentKind.COORDINATOR_REPORT.value}
    assert printed == {kind.value for kind in DocumentKind}


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_the_papers_embed_every_font(kind: str) -> None:
    fonts = fonts_of(render(kind))
    assert fonts and all(fonts.values()), fonts


@pytest.mark.parametrize("kind", sorted(PRINTERS))
def test_the_other_papers_embed_every_font(kind: str) -> None:
    fonts = fonts_of(PRINTERS[kind]())
    assert fonts and all(fonts.values()), fonts


def test_the_coordinators_report_embeds_every_font(session: Session) -> None:
    """Its tables and bar charts are reportlab's own, drawn in the bundled fonts."""
    start, end = date(2026, 7, 1), date(2026, 9, 30)
    figures_data.add_children(session, [{"identified_on": start, "nationality": "AF"}] * 6)
    figures = coordinator_figures(session, start, end, today=date(2026, 10, 20))
    content = CoordinatorReportContent(
        reference="2026-07-01/2026-09-30",
        issued_on=figures.as_of,
        officer_name="Marija Petrovska",
        figures=figures,
    )
    fonts = fonts_of(render_coordinator_report(content, samples.LETTERHEAD))
    assert fonts and all(fonts.values()), fonts
