"""The hand-written serializer against two independent parsers: whatever the records hold,
icalendar and vobject read back exactly what was meant, and the file obeys RFC 5545's
line rules (CRLF, 75 octets, folds never inside a UTF-8 sequence)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guardian_desk.calendars import (
    CalendarOptions,
    CalendarPerson,
    CalendarPlace,
    CalendarVisit,
    calendar_ics,
    description,
    summary,
)
from guardian_desk.calendars.contentlines import escape_text, fold
from guardian_desk.calendars.events import location
from guardian_desk.domain.enums import VisitPurpose, VisitStatus
from tests.calendars.helpers import parse_both, physical_lines

# Any script, the characters RFC 5545 escapes, markup and quotes; newlines where notes have them.
_LETTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Zl", "Zp"),
    include_characters="\\;,:\"'<>&",
)
_NAME = st.text(_LETTERS, min_size=1, max_size=40).map(str.strip).filter(bool)
_NOTE = st.text(st.one_of(_LETTERS, st.just("\n")), max_size=200)
_PERSON = st.builds(
    CalendarPerson,
    code=st.from_regex(r"[GM]-[0-9]{5}", fullmatch=True),
    name=_NAME,
    email=st.sampled_from(["", "someone@example.org", "not an address", "a,b@example.org"]),
)
_PLACE = st.builds(CalendarPlace, code=st.just("FAC-1"), name=_NAME, address=_NOTE)
_MOMENT = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)


@st.composite
def _visits(draw: st.DrawFn) -> CalendarVisit:
    starts = draw(_MOMENT).replace(second=0, microsecond=0)
    return CalendarVisit(
        visit_id=draw(st.integers(1, 10**9)),
        sequence=draw(st.integers(0, 1000)),
        status=draw(st.sampled_from(VisitStatus)),
        purpose=draw(st.sampled_from(VisitPurpose)),
        starts_at=starts,
        ends_at=starts + timedelta(minutes=draw(st.integers(15, 480))),
        updated_at=draw(_MOMENT),
        case_number=draw(st.from_regex(r"AL-20[0-9]{2}-[0-9]{5}", fullmatch=True)),
        child_initials=draw(st.sampled_from(["A. R.", "Y.", ""])),
        child_name=draw(_NAME),
        guardian=draw(st.none() | _PERSON),
        mediator=draw(st.none() | _PERSON),
        facility=draw(st.none() | _PLACE),
        place=draw(_NOTE),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    visits=st.lists(_visits(), min_size=1, max_size=4, unique_by=lambda v: v.visit_id),
    reveal=st.booleans(),
    alarm=st.none() | st.integers(0, 600),
    calendar_name=_NAME,
)
def test_both_parsers_read_back_what_was_written(
    visits: list[CalendarVisit], reveal: bool, alarm: int | None, calendar_name: str
) -> None:
    now = datetime(2026, 6, 1, tzinfo=UTC)
    options = CalendarOptions(
        office_uid="office-7", time_zone="Europe/Belgrade", alarm_minutes=alarm,
        reveal_identity=reveal, now=now,
    )  # fmt: skip
    content = calendar_ics(visits, options, name=calendar_name)
    for line in physical_lines(content):
        assert len(line) <= 75
        line.decode("utf-8")  # no fold cut a character in two
    events = parse_both(content)
    for visit in visits:
        event = events[f"visit-{visit.visit_id}@office-7"]
        assert event.summary == summary(visit, reveal)
        assert event.description == description(visit, reveal)
        assert event.location == location(visit.facility, visit.place)
        # in UTC: a time in the repeated autumn hour never equals one in another zone (PEP 495)
        assert (event.starts_at.astimezone(UTC), event.ends_at.astimezone(UTC)) == (
            visit.starts_at,
            visit.ends_at,
        )
        assert event.sequence == visit.sequence
        assert event.status == (
            "CANCELLED" if visit.status is VisitStatus.CANCELLED else "CONFIRMED"
        )
        wanted = alarm if visit.status is VisitStatus.PLANNED and visit.starts_at > now else None
        assert event.alarm_minutes == wanted
        if not reveal:  # the name was in the record, and not used
            assert event.summary == summary(replace(visit, child_name=""))


def test_escaping_of_the_characters_rfc_5545_names() -> None:
    assert escape_text('a\\b;c,d:e"f<g>') == 'a\\\\b\\;c\\,d:e"f<g>'
    assert escape_text("one\ntwo\r\nthree\rfour\u2028five") == "one\\ntwo\\nthree\\nfour\\nfive"
    assert escape_text("bell\x07tab\tend") == "bell tab\tend"


def test_folding_counts_octets_and_keeps_characters_whole() -> None:
    line = "SUMMARY:" + "ዮናስ" * 30  # three octets a character
    folded = fold(line).encode("utf-8")
    pieces = folded.split(b"\r\n")[:-1]
    assert max(len(p) for p in pieces) <= 75
    assert all(p.startswith(b" ") for p in pieces[1:])
    assert b"".join(p[1:] if i else p for i, p in enumerate(pieces)).decode() == line
    assert fold("X:" + "a" * 73) == "X:" + "a" * 73 + "\r\n"  # exactly 75 octets: not folded
    assert fold("X:" + "a" * 74).count("\r\n") == 2
