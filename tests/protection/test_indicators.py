"""The ILO/EC 2009 screening rule against hand-made screenings, and the indicator file."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from guardian_desk.i18n import using_language
from guardian_desk.protection.indicators import (
    COERCION_AT_DESTINATION,
    COERCIVE_RECRUITMENT,
    DECEPTIVE_RECRUITMENT,
    ELEMENTS,
    EXPLOITATION,
    LANGUAGES,
    Answer,
    Catalogue,
    IndicatorFileError,
    Strength,
    assess,
    catalogue_from_data,
    element_positive,
    indicators_path,
    load_catalogue,
)

SEEN = Answer.OBSERVED


def _indicator(ident: str, element: str, strength: str, indicator_set: str = "labour") -> dict:
    text = {code: f"{ident} {code}" for code in LANGUAGES}
    return {
        "id": ident,
        "set": indicator_set,
        "element": element,
        "strength": strength,
        "text": text,
    }


def _catalogue() -> Catalogue:
    """Three strong, three medium and two weak indicators in every element: enough for any case."""
    entries = []
    for element in ELEMENTS:
        for strength, count in (("strong", 3), ("medium", 3), ("weak", 2)):
            for n in range(1, count + 1):
                entries.append(_indicator(f"{element}-{strength[0]}{n}", element, strength))
    entries.append(_indicator("office-x", EXPLOITATION, "strong", "office"))
    return catalogue_from_data({"version": "test", "indicators": entries})


CATALOGUE = _catalogue()


def _answers(element: str, strong: int = 0, medium: int = 0, weak: int = 0) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for letter, count in (("s", strong), ("m", medium), ("w", weak)):
        for n in range(1, count + 1):
            answers[f"{element}-{letter}{n}"] = SEEN
    return answers


# (strong, medium, weak) -> positive: each threshold just met and just missed.
THRESHOLDS = [
    ((2, 0, 0), True),  # two strong
    ((1, 0, 0), False),  # one strong alone
    ((1, 1, 0), True),  # one strong and one medium
    ((1, 0, 1), True),  # one strong and one weak
    ((0, 3, 0), True),  # three medium
    ((0, 2, 0), False),  # two medium alone
    ((0, 2, 1), True),  # two medium and one weak
    ((0, 1, 2), False),  # one medium and two weak
    ((0, 0, 2), False),  # weak alone never
    ((0, 0, 0), False),
    ((0, 1, 1), False),
]


@pytest.mark.parametrize(("counts", "positive"), THRESHOLDS)
def test_element_threshold(counts: tuple[int, int, int], positive: bool) -> None:
    assert element_positive(*counts) is positive
    result = assess(CATALOGUE, _answers(COERCIVE_RECRUITMENT, *counts))
    assert result.elements[COERCIVE_RECRUITMENT].positive is positive


def _screening(**elements: tuple[int, int, int]) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for element, counts in elements.items():
        answers.update(_answers(element, *counts))
    return answers


POSITIVE = (2, 0, 0)
JUST_MISSED = (0, 2, 0)

# (recruitment, exploitation, coercion at destination, child) -> flagged
TRUTH_TABLE = [
    (POSITIVE, POSITIVE, None, True, True),  # child: the means element is not required
    (POSITIVE, POSITIVE, None, False, False),  # adult: it is
    (POSITIVE, POSITIVE, POSITIVE, False, True),
    (POSITIVE, POSITIVE, POSITIVE, True, True),
    (POSITIVE, JUST_MISSED, POSITIVE, True, False),  # no exploitation, no flag
    (JUST_MISSED, POSITIVE, POSITIVE, True, False),  # no recruitment, no flag
    (None, POSITIVE, POSITIVE, True, False),
    (POSITIVE, None, None, True, False),
    (POSITIVE, POSITIVE, JUST_MISSED, False, False),
    ((0, 2, 1), (1, 0, 1), None, True, True),  # both just met with weak ones
    ((0, 1, 2), (1, 0, 1), None, True, False),
]


@pytest.mark.parametrize(("recruitment", "exploitation", "means", "child", "flagged"), TRUTH_TABLE)
def test_truth_table(
    recruitment: tuple[int, int, int] | None,
    exploitation: tuple[int, int, int] | None,
    means: tuple[int, int, int] | None,
    child: bool,
    flagged: bool,
) -> None:
    parts = {
        DECEPTIVE_RECRUITMENT: recruitment,
        EXPLOITATION: exploitation,
        COERCION_AT_DESTINATION: means,
    }
    answers = _screening(**{name: counts for name, counts in parts.items() if counts})
    result = assess(CATALOGUE, answers, child=child)
    assert result.flagged is flagged
    assert result.means_required is not child


@pytest.mark.parametrize(
    "answer", [Answer.OBSERVED, Answer.REPORTED_BY_CHILD, Answer.REPORTED_BY_OTHERS]
)
def test_answers_that_count(answer: Answer) -> None:
    answers = {f"{EXPLOITATION}-s1": answer, f"{EXPLOITATION}-s2": answer}
    assert assess(CATALOGUE, answers).elements[EXPLOITATION].positive


@pytest.mark.parametrize("answer", [Answer.NOT_OBSERVED, Answer.NOT_ASKED, "not_asked"])
def test_answers_that_do_not_count(answer: Answer | str) -> None:
    answers = {f"{EXPLOITATION}-s1": SEEN, f"{EXPLOITATION}-s2": answer}
    result = assess(CATALOGUE, answers)
    assert not result.elements[EXPLOITATION].positive
    assert [item.id for item in result.elements[EXPLOITATION].counted] == [f"{EXPLOITATION}-s1"]


def test_explanation_names_the_indicators() -> None:
    answers = _screening(**{DECEPTIVE_RECRUITMENT: (0, 2, 1), EXPLOITATION: (1, 1, 0)})
    answers[f"{EXPLOITATION}-m2"] = Answer.NOT_OBSERVED
    answers[f"{COERCIVE_RECRUITMENT}-s1"] = Answer.REPORTED_BY_OTHERS  # one strong: not positive
    answers["office-x"] = Answer.REPORTED_BY_CHILD
    result = assess(CATALOGUE, answers)
    assert result.flagged
    assert result.explanation() == {
        DECEPTIVE_RECRUITMENT: (
            f"{DECEPTIVE_RECRUITMENT}-m1",
            f"{DECEPTIVE_RECRUITMENT}-m2",
            f"{DECEPTIVE_RECRUITMENT}-w1",
        ),
        EXPLOITATION: (f"{EXPLOITATION}-s1", "office-x", f"{EXPLOITATION}-m1"),
    }
    assert result.elements[COERCIVE_RECRUITMENT].indicator_ids == ()
    assert result.elements[EXPLOITATION].count(Strength.STRONG) == 2


def test_answer_for_another_list_is_refused() -> None:
    catalogue = catalogue_from_data(
        {"indicators": [_indicator("cs-1", EXPLOITATION, "strong", "sexual")]}
    )
    with pytest.raises(KeyError):
        assess(catalogue, {"cs-1": SEEN}, indicator_set="labour")


def test_the_file_loads_with_every_text() -> None:
    catalogue = load_catalogue()
    assert catalogue.version == "draft"
    assert "native speaker" in catalogue.review
    sets = {item.indicator_set for item in catalogue.indicators}
    assert sets == {"labour", "office"}  # the sexual-exploitation list awaits the publication
    for item in catalogue.indicators:
        assert all(item.texts[code].strip() for code in LANGUAGES), item.id
    assert {item.element for item in catalogue.for_set("labour")} == set(ELEMENTS)
    office = [item for item in catalogue.indicators if item.office]
    assert len(office) == 5
    assert all(item.rationale for item in office)
    assert set(catalogue.element_names) == set(ELEMENTS)
    with using_language("sr-Latn"):
        assert catalogue.by_id["cl-dr-01"].text("sr-Latn").startswith("Obmana")


def test_a_real_screening_of_the_file() -> None:
    catalogue = load_catalogue()
    labour = {item.id: item for item in catalogue.for_set("labour")}
    strong_dr = [
        i for i in labour.values() if i.element == DECEPTIVE_RECRUITMENT and i.strength == "strong"
    ]
    strong_ex = [i for i in labour.values() if i.element == EXPLOITATION and i.strength == "strong"]
    answers = {strong_dr[0].id: SEEN, strong_dr[1].id: Answer.REPORTED_BY_CHILD}
    answers[strong_ex[0].id] = SEEN
    answers["office-work-en-route"] = Answer.REPORTED_BY_OTHERS
    result = assess(catalogue, answers)
    assert result.flagged
    assert "office-work-en-route" in result.explanation()[EXPLOITATION]


def _raw() -> dict[str, Any]:
    with open(indicators_path(), encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@pytest.mark.parametrize(
    ("breakage", "words"),
    [
        (lambda e: e.update(element="recruitment"), "unknown element"),
        (lambda e: e.update(strength="very strong"), "unknown strength"),
        (lambda e: e["text"].pop("mk"), "mk"),
        (lambda e: e["text"].update(sq=" "), "sq"),
    ],
)
def test_a_broken_file_is_refused_by_id(breakage: Any, words: str) -> None:
    data = copy.deepcopy(_raw())
    entry = data["indicators"][7]
    breakage(entry)
    with pytest.raises(IndicatorFileError) as caught:
        catalogue_from_data(data)
    assert entry["id"] in str(caught.value)
    assert words in str(caught.value)


def test_a_duplicate_id_is_refused() -> None:
    data = copy.deepcopy(_raw())
    data["indicators"][9]["id"] = data["indicators"][3]["id"]
    with pytest.raises(IndicatorFileError, match=data["indicators"][3]["id"]):
        catalogue_from_data(data)
