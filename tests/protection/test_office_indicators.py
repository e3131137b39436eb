"""The screening indicators an office adds: merged into the shipped list, refused by name, stored
whole or not at all, counted by the rule under their element, and still shown once removed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.models import AuditEvent
from guardian_desk.domain.errors import PermissionDenied, ValidationError
from guardian_desk.protection.indicators import (
    MAX_OFFICE_INDICATORS,
    OfficeIndicatorError,
    Strength,
    assess,
    load_catalogue,
    merge_office_indicators,
    office_entries_from_data,
    read_office_file,
    write_office_file,
)
from guardian_desk.security.roles import Role, SignedIn
from guardian_desk.services.screenings import (
    ScreeningInput,
    get_screening,
    office_indicators,
    office_indicators_file,
    record_screening,
    screening_catalogue,
    screening_choices,
    screenings_of,
    set_office_indicators,
)
from guardian_desk.services.settings import get_settings
from tests.scheduling.office import Office

SHIPPED = load_catalogue()


def entry(ident: str = "oi-ex-1", **changes: Any) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": ident,
        "set": "office",
        "element": "exploitation",
        "strength": "strong",
        "text": {"en": "Made to carry goods across the border", "sq": "I detyruar të bartë mallra"},
    }
    found.update(changes)
    return found


SEXUAL = [
    entry("cs-ex-01", set="sexual", text={"en": "Sexually exploited",
                                          "sr": "Сексуално искоришћен"}),
    entry("cs-dr-01", set="sexual", element="deceptive_recruitment", text={"en": "Deceived"}),
    entry("cs-dr-02", set="sexual", element="deceptive_recruitment", strength="medium",
          text={"en": "Promised a better life"}),
]  # fmt: skip


# --- the merge and its refusals (no database) ---------------------------------------------------


def test_the_office_entries_follow_the_shipped_ones() -> None:
    merged = merge_office_indicators(SHIPPED, [entry(rationale=" seen at Tabanovce "), *SEXUAL])
    assert merged.indicators[: len(SHIPPED.indicators)] == SHIPPED.indicators
    assert [i.id for i in merged.added()] == ["oi-ex-1", "cs-ex-01", "cs-dr-01", "cs-dr-02"]
    added = merged.by_id["oi-ex-1"]
    assert added.added and added.office and added.strength is Strength.STRONG
    assert added.rationale == "seen at Tabanovce"
    # The office set is offered with both lists; a sexual entry only with the sexual list.
    labour = {i.id for i in merged.for_set("labour")}
    sexual = {i.id for i in merged.for_set("sexual")}
    assert "oi-ex-1" in labour and "oi-ex-1" in sexual
    assert "cs-ex-01" in sexual and "cs-ex-01" not in labour
    assert {i.indicator_set for i in SHIPPED.for_set("sexual")} == {"office"}  # none shipped
    # A missing translation falls back to English; sr-Latn comes from sr when there is one.
    assert added.text("sq") == "I detyruar të bartë mallra"
    assert added.text("mk") == added.text("sr-Latn") == "Made to carry goods across the border"
    assert merged.by_id["cs-ex-01"].text("sr-Latn") == "Seksualno iskorišćen"
    assert merge_office_indicators(SHIPPED, []) is SHIPPED
    assert SHIPPED.added() == ()


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([entry(element="exploitation_en_route")], "Office indicator oi-ex-1: the element "),
        ([entry(strength="decisive")], "Office indicator oi-ex-1: the strength 'decisive'"),
        ([entry(set="adults")], "Office indicator oi-ex-1: the list 'adults' is not one of"),
        ([entry(text={"sq": "vetëm shqip"})], "Office indicator oi-ex-1: it has no English"),
        ([entry(text={"en": "  "})], "Office indicator oi-ex-1: it has no English"),
        ([entry(text="A text")], "Office indicator oi-ex-1: it has no English"),
        ([entry(text={"en": "x", "de": "y"})], "its text has a language 'de'"),
        ([entry("cl-dr-01")], "Office indicator cl-dr-01: the id is already used by an "
                               "indicator of the shipped list."),
        ([entry("office-crime")], "Office indicator office-crime: the id is already used"),
        ([entry(), entry("x"), entry()], "Office indicator oi-ex-1: the id appears more than once"),
        ([entry("a" * 21)], "the id is longer than 20 characters."),
        ([entry("two words")], "the id may hold only letters, digits"),
        ([entry(), {"set": "office"}], "Office indicator entry 2: it has no id."),
        ([entry(), "text"], "Office indicator entry 2: it is not an indicator"),
        ([entry(rationale=3)], "its rationale is not a text."),
        ([entry(f"o{n}") for n in range(MAX_OFFICE_INDICATORS + 1)],
         "The office may add at most 200 indicators; this list has 201."),
    ],
)  # fmt: skip
def test_each_refusal_names_the_entry(entries: list[Any], expected: str) -> None:
    with pytest.raises(OfficeIndicatorError) as refused:
        merge_office_indicators(SHIPPED, entries)
    assert expected in str(refused.value)


def test_exactly_the_limits_are_accepted() -> None:
    many = [entry(f"o{n}") for n in range(MAX_OFFICE_INDICATORS)]
    assert len(merge_office_indicators(SHIPPED, many).added()) == MAX_OFFICE_INDICATORS
    assert merge_office_indicators(SHIPPED, [entry("a" * 20)]).by_id["a" * 20].added


def test_files_in_the_indicator_file_format_or_a_bare_list(tmp_path: Path) -> None:
    assert office_entries_from_data({"version": "x", "indicators": SEXUAL}) == SEXUAL
    assert office_entries_from_data(SEXUAL) == SEXUAL
    for wrong in ({"elements": {}}, "text", 3):
        with pytest.raises(OfficeIndicatorError, match="not a list of indicators"):
            office_entries_from_data(wrong)
    broken = tmp_path / "broken.json"
    broken.write_text('{"indicators": [', encoding="utf-8")
    with pytest.raises(OfficeIndicatorError, match=r"broken.json is not a JSON file"):
        read_office_file(broken)
    # The shipped file itself is refused: its ids are taken.
    with pytest.raises(OfficeIndicatorError, match="cl-dr-01: the id is already used"):
        merge_office_indicators(SHIPPED, read_office_file(Path(__file__).parents[2] /
                                "resources/protection/indicators-2009.json"))  # fmt: skip


# --- stored in the settings ---------------------------------------------------------------------


def test_the_list_is_replaced_whole_or_not_at_all(session: Session) -> None:
    assert office_indicators(session) == []
    version = get_settings(session).version
    row = set_office_indicators(session, [entry(text={"en": " Carries goods "}), *SEXUAL], version)
    assert row.version == version + 1
    stored = office_indicators(session)
    assert [e["id"] for e in stored] == ["oi-ex-1", "cs-ex-01", "cs-dr-01", "cs-dr-02"]
    assert stored[0]["text"] == {"en": "Carries goods"}  # cleaned as stored
    event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()
    assert event.entity == "settings" and "cs-dr-02" in json.dumps(event.after)
    # One bad entry at the end: nothing of the new list is stored, the old one stays.
    with pytest.raises(OfficeIndicatorError, match="Office indicator cl-ex-01"):
        set_office_indicators(session, [entry("new-1"), entry("cl-ex-01")], row.version)
    assert [e["id"] for e in office_indicators(session)] == [e["id"] for e in stored]
    assert get_settings(session).version == row.version
    # A stale version is a conflict; without a version the current one is taken.
    from guardian_desk.domain.errors import ConflictError

    with pytest.raises(ConflictError):
        set_office_indicators(session, [], version)
    set_office_indicators(session, [])
    assert office_indicators(session) == [] and screening_catalogue(session) is not None


def test_the_export_reads_back_as_the_same_list(session: Session, tmp_path: Path) -> None:
    set_office_indicators(session, [entry(rationale="route"), *SEXUAL])
    path = tmp_path / "office.json"
    write_office_file(path, office_indicators_file(session))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == "office" and data["format"] == 1
    before = office_indicators(session)
    set_office_indicators(session, [])
    set_office_indicators(session, read_office_file(path))
    assert office_indicators(session) == before


def test_an_officer_reads_them_but_cannot_change_them(factory: sessionmaker[Session]) -> None:
    with session_scope(factory, actor="test") as session:
        set_office_indicators(session, [entry()])
    officer = SignedIn("off.user", "An officer", Role.OFFICER)
    with session_scope(factory, account=officer) as session:
        assert [e["id"] for e in office_indicators(session)] == ["oi-ex-1"]
        with pytest.raises(PermissionDenied):
            set_office_indicators(session, [])
        with pytest.raises(PermissionDenied):
            set_office_indicators(session, [entry(), *SEXUAL])
    with session_scope(factory, actor="test") as session:
        assert [e["id"] for e in office_indicators(session)] == ["oi-ex-1"]


# --- screenings with the office's indicators ----------------------------------------------------


def _screen(
    session: Session, child_id: int, answers: dict[str, str], indicator_set: str = "labour"
):  # type: ignore[no-untyped-def]
    return record_screening(
        session,
        ScreeningInput(
            child_id=child_id,
            screened_at=datetime.now(UTC) - timedelta(hours=1),
            indicator_set=indicator_set,
            answers=answers,
        ),
    )


def test_an_office_indicator_counts_under_its_element(session: Session) -> None:
    office = Office(session)
    child = office.child(office.facility())
    recruited = {"cl-dr-01": "observed", "cl-dr-02": "observed"}
    # Without the office's indicator, exploitation is not positive.
    alone = _screen(session, child.id, {**recruited, "cl-ex-01": "reported_by_child"})
    assert not alone.flagged and alone.positive_elements == ("deceptive_recruitment",)
    with pytest.raises(ValidationError, match="is not an indicator of the list"):
        _screen(session, child.id, {**recruited, "oi-ex-1": "observed"})
    set_office_indicators(session, [entry()])
    info = _screen(session, child.id, {**recruited, "cl-ex-01": "reported_by_child",
                                       "oi-ex-1": "observed"})  # fmt: skip
    assert info.flagged and info.positive_elements == ("deceptive_recruitment", "exploitation")
    assert set(info.explanation["exploitation"]) == {"cl-ex-01", "oi-ex-1"}
    merged = screening_catalogue(session)
    expected = assess(merged, dict(info.answers), indicator_set="labour")
    assert expected.elements["exploitation"].count(Strength.STRONG) == 2
    choices = screening_choices(session, child.id)
    assert choices.catalogue is not None and "oi-ex-1" in choices.catalogue.by_id


def test_the_sexual_list_once_the_office_loaded_it(session: Session) -> None:
    office = Office(session)
    child = office.child(office.facility())
    answers = {"cs-dr-01": "observed", "cs-dr-02": "observed", "cs-ex-01": "observed",
               "oi-ex-1": "observed"}  # fmt: skip
    with pytest.raises(ValidationError):
        _screen(session, child.id, answers, "sexual")
    set_office_indicators(session, [entry(), *SEXUAL])
    info = _screen(session, child.id, answers, "sexual")
    assert info.flagged and info.indicator_set == "sexual"
    assert set(info.explanation["exploitation"]) == {"cs-ex-01", "oi-ex-1"}


def test_a_removed_indicator_still_shows_its_answer(session: Session) -> None:
    office = Office(session)
    child = office.child(office.facility())
    set_office_indicators(session, [entry()])
    info = _screen(session, child.id, {"cl-dr-01": "observed", "cl-dr-02": "observed",
                                       "cl-ex-01": "observed", "oi-ex-1": "observed"})  # fmt: skip
    assert info.flagged and info.retired == ()
    set_office_indicators(session, [])
    again = get_screening(session, info.screening_id)
    assert again.answers["oi-ex-1"] == "observed" and again.retired == ("oi-ex-1",)
    assert again.flagged and again.positive_elements == info.positive_elements  # as stored
    assert "oi-ex-1" not in again.explanation.get("exploitation", ())
    assert [s.retired for s in screenings_of(session, child.id)] == [("oi-ex-1",)]


def test_an_entry_a_newer_file_took_is_left_out(session: Session) -> None:
    """A stored list was checked when saved; an id shipped since must not break screenings."""
    row = get_settings(session)
    row.office_indicators = [entry(), entry("cl-dr-01")]
    session.flush()
    merged = screening_catalogue(session)
    assert [i.id for i in merged.added()] == ["oi-ex-1"]
    assert not merged.by_id["cl-dr-01"].added


def test_the_referral_letter_names_the_office_indicator(session: Session) -> None:
    from guardian_desk.db.models import Screening
    from guardian_desk.papers.referral_letter import _indicators

    office = Office(session)
    child = office.child(office.facility())
    set_office_indicators(session, [entry()])
    info = _screen(session, child.id, {"cl-dr-01": "observed", "cl-dr-02": "observed",
                                       "cl-ex-01": "observed", "oi-ex-1": "observed"})  # fmt: skip
    row = session.get(Screening, info.screening_id)
    assert row is not None
    texts = [text for _element, found in _indicators(session, row, "sq") for text in found]
    assert "I detyruar të bartë mallra" in texts
    assert "Made to carry goods across the border" in [  # mk: the English, none given
        text for _element, found in _indicators(session, row, "mk") for text in found
    ]
