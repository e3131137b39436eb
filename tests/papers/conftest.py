"""The papers' tests render real PDFs and read them back with poppler (pdftotext)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from guardian_desk import papers
from guardian_desk.papers import Letterhead, Paper
from tests.papers import samples

Renderer = Callable[[Paper, Letterhead], bytes]

RENDERERS: dict[str, tuple[Callable[..., Paper], Callable[..., bytes]]] = {
    "appointment": (samples.appointment, papers.render_appointment),
    "mediator_letter": (samples.mediator_letter, papers.render_mediator_letter),
    "schedule": (samples.schedule, papers.render_schedule),
    "summary": (samples.summary, papers.render_summary),
    "card": (samples.card, papers.render_card),
}


@pytest.fixture(params=sorted(RENDERERS))
def kind(request: pytest.FixtureRequest) -> str:
    """Each of the five papers in turn."""
    return str(request.param)


def render(kind: str, letterhead: Letterhead = samples.LETTERHEAD, **changes: object) -> bytes:
    make, render_paper = RENDERERS[kind]
    return render_paper(make(**changes), letterhead)
