"""Sample contents for the papers' tests and the benchmark: names in every script we print."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any

from guardian_desk.papers import (
    AppointmentContent,
    CardContent,
    ChildDetails,
    Letterhead,
    MediatorLetterContent,
    PersonDetails,
    ScheduleContent,
    ScheduleRow,
    SummaryContent,
)

LATIN = "Ëlira Çela"
SERBIAN_LATIN = "Đorđe Šarić"
CYRILLIC = "Јована Стојановић"
ARABIC = "محمد علي"  # first word محمد, second علي
ETHIOPIC = "ተስፋይ ገብረሂወት"
BENGALI = "রহিম উদ্দিন"
MARKUP = 'A<B & "C" <b>bold</b>'
LEGAL_BASIS = (
    "Article 11 of the Law on Foreigners and Article 130 of the Family Law: the centre for "
    "social work appoints a guardian to every unaccompanied child without delay."
)


def png_logo(width: int = 60, height: int = 30) -> bytes:
    """A small two-colour PNG, made here so the tests need no image file."""
    raw = b"".join(
        b"\x00"
        + b"".join(
            b"\x1f\x4e\x79" if (x // 10 + y // 10) % 2 else b"\xf2\xb7\x05" for x in range(width)
        )
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


LETTERHEAD = Letterhead(
    office_name="Centre for Social Work Kumanovo",
    address_lines=("Ulica Goce Delčev 12", "1300 Kumanovo, North Macedonia"),
    phone="+389 31 412 000",
    email="guardians@csr-kumanovo.example",
    logo=png_logo(),
)
COMMON: dict[str, Any] = {
    "reference": "GD/2025/0017",
    "issued_on": date(2025, 3, 14),
    "officer_name": "Marija Petrovska",
    "officer_title": "Child protection officer",
}


def child(name: str = ARABIC) -> ChildDetails:
    return ChildDetails(
        name=name,
        case_number="KU-2025-017",
        date_of_birth=date(2009, 5, 1),
        date_of_birth_estimated=True,
        nationality="Afghanistan",
        languages=("Dari", "Pashto"),
        facility="Reception centre Tabanovce",
    )


def appointment(**changes: object) -> AppointmentContent:
    content = AppointmentContent(
        **COMMON,
        child=child(),
        guardian=PersonDetails(LATIN, phone="+389 70 111 222", email="elira@example.org"),
        legal_basis=LEGAL_BASIS,
        duties=(
            "Represent the child in every procedure, including the asylum procedure.",
            "Visit the child at least once a month and record each visit.",
            "Make sure the child's views are heard, in a language the child understands.",
        ),
        first_visit=datetime(2025, 3, 18, 10, 30),
        notes="The child prefers a male mediator.",
    )
    return replace(content, **changes)  # type: ignore[arg-type]


def mediator_letter(**changes: object) -> MediatorLetterContent:
    content = MediatorLetterContent(
        **COMMON,
        mediator=PersonDetails(CYRILLIC, phone="+389 70 333 444"),
        child=child(ETHIOPIC),
        guardian=PersonDetails(SERBIAN_LATIN, phone="+389 70 555 666"),
        child_language="Dari",
        guardian_language="Albanian",
    )
    return replace(content, **changes)  # type: ignore[arg-type]


def schedule_rows(count: int) -> tuple[ScheduleRow, ...]:
    names = (ARABIC, ETHIOPIC, BENGALI, CYRILLIC)
    return tuple(
        ScheduleRow(
            day=date(2025, 3, 1 + n % 28),
            starts_at=time(9 + n % 8, 0),
            ends_at=time(10 + n % 8, 30),
            case_number=f"KU-2025-{n:03d}",
            child_initials="M. A.",
            facility="Reception centre Tabanovce",
            with_whom=f"Mediator: {names[n % len(names)]}",
            status="Planned" if n % 3 else "Done",
        )
        for n in range(count)
    )


def schedule(**changes: object) -> ScheduleContent:
    content = ScheduleContent(
        **COMMON,
        person=PersonDetails(LATIN, phone="+389 70 111 222"),
        role="Guardian",
        period_start=date(2025, 3, 1),
        period_end=date(2025, 3, 31),
        rows=schedule_rows(12),
    )
    return replace(content, **changes)  # type: ignore[arg-type]


def summary(**changes: object) -> SummaryContent:
    content = SummaryContent(
        **COMMON,
        child_name=BENGALI,
        case_number="KU-2025-017",
        purpose="Referral",
        recipient="Red Cross Skopje, family tracing service",
        fields=(
            ("Name in own script", ARABIC),
            ("Languages", "Bengali, English (some)"),
            ("Health", "Needs a dentist; no chronic illness known."),
            ("Guardian", LATIN),
        ),
    )
    return replace(content, **changes)  # type: ignore[arg-type]


def card(**changes: object) -> CardContent:
    content = CardContent(
        **COMMON,
        child_name=ARABIC,
        guardian_name=LATIN,
        guardian_phone="+389 70 111 222",
        mediator_name=CYRILLIC,
        mediator_phone="+389 70 333 444",
        next_visit=datetime(2025, 3, 18, 10, 30),
        help_phone="+389 2 3100 100",
        office_language="mkd",
        child_language="prs",
    )
    return replace(content, **changes)  # type: ignore[arg-type]
