"""Hand-made suggestions in the core's own dataclasses: the panel's tests need no matching run."""

from __future__ import annotations

from guardian_desk.matching import (
    Exclusion,
    GuardianProposal,
    MediatorOption,
    ScorePart,
    Suggestion,
)

ARABIC_NAME = "Ahmad Rahimi (أحمد رحیمی)"


def parts(*values: float) -> tuple[ScorePart, ...]:
    names = ("language", "distance", "overlap", "load")
    labels = ("Language", "Distance", "Availability overlap", "Load balance")
    weights = (40.0, 20.0, 20.0, 20.0)
    return tuple(
        ScorePart(key=k, label=label, value=v, weight=w, points=v * w)
        for k, label, v, w in zip(names, labels, values, weights, strict=False)
    )


def mediator(mediator_id: int, name: str, score: float) -> MediatorOption:
    return MediatorOption(
        mediator_id=mediator_id,
        code=f"M-{mediator_id:04d}",
        name=name,
        sex="male",
        score=score,
        parts=parts(1.0, 0.5),
        bridge="Dari → Albanian",
    )


def suggestion(*, excluded_total: int = 3, with_proposals: bool = True) -> Suggestion:
    mediated = GuardianProposal(
        guardian_id=1,
        code="G-0001",
        name="Elira Hoxha",
        sex="female",
        score=87.25,
        parts=parts(0.6, 0.9, 1.0, 0.8),
        shared_language=None,
        mediator=mediator(7, "Farid Karimi", 75.0),
        alternatives=(mediator(8, "Zahra Ahmadi", 61.5),),
        caseload=3,
        capacity=20,
        distance_km=12.4,
    )
    direct = GuardianProposal(
        guardian_id=2,
        code="G-0002",
        name="Mohammad Nazari",
        sex="male",
        score=64.0,
        parts=parts(1.0, 0.1, 0.5, 0.2),
        shared_language="Dari",
        mediator=None,
        alternatives=(),
        caseload=18,
        capacity=20,
        distance_km=None,
    )
    return Suggestion(
        child_id=5,
        case_number="UASC-2026-0005",
        child_name=ARABIC_NAME,
        languages="Dari (native), Pashto (basic)",
        proposals=(mediated, direct) if with_proposals else (),
        excluded=(
            Exclusion(3, "G-0003", "Arben Krasniqi", ("caseload 25 of 25",)),
            Exclusion(
                4,
                "G-0004",
                "Besa Gashi",
                ("speaks no Dari, and no Dari-Albanian mediator is free on Tuesdays", "suspended"),
            ),
        ),
        excluded_total=excluded_total,
    )
