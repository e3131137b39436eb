"""The trafficking screening engine: the ILO/EC 2009 indicators for children and their rule.

Source: ILO and European Commission, *Operational indicators of trafficking in human beings,
results from a Delphi survey* (first published March 2009, revised September 2009; ILO
publication WCMS_105023, https://www.ilo.org/global/topics/forced-labour/publications/WCMS_105023/).
Its ILO and European Commission catalogue pages confirm four lists (adults and children, labour
and sexual exploitation) over six elements: deceptive recruitment (including transfer and
transport), coercive recruitment, recruitment by abuse of vulnerability, exploitation, coercion at
destination and abuse of vulnerability at destination; indicators are strong, medium or weak.

What could not be read: the publication's own pages. The lists in
resources/protection/indicators-2009.json come from a secondary synthesis of the children/labour
list (65 indicators, no weak ones), which matches the element names above. The children/sexual
list is not in the file yet: it could not be read, and a stand-in would be wrong data. The file is
marked ``"version": "draft"`` until someone checks the labour list and adds the sexual one from
the PDF (the engine already takes a "sexual" set).

The rule (as quoted from p. 3 of the publication by the same synthesis): an element is positive
when its observed indicators include at least
    two strong; or one strong and one medium or weak; or three medium; or two medium and one weak.
The elements are then combined along the Palermo definition: recruitment (any of the three
recruitment elements) and exploitation, and for adults also the means at destination (coercion at
destination or abuse of vulnerability at destination). For children the means element is not
required (Palermo Protocol art. 3(c)), so a child is flagged when a recruitment element and the
exploitation element are positive.

Only answers that say the indicator is present count: observed, reported by the child, reported by
others. "Not observed" and "not asked" never count. The result flags and explains; it never decides:
the officer records the decision elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from guardian_desk.i18n import _
from guardian_desk.i18n.transliteration import serbian_latin
from guardian_desk.paths import resources_dir

LANGUAGES = ("en", "sq", "sr", "mk")

DECEPTIVE_RECRUITMENT = "deceptive_recruitment"
COERCIVE_RECRUITMENT = "coercive_recruitment"
RECRUITMENT_ABUSE_OF_VULNERABILITY = "recruitment_abuse_of_vulnerability"
EXPLOITATION = "exploitation"
COERCION_AT_DESTINATION = "coercion_at_destination"
ABUSE_OF_VULNERABILITY_AT_DESTINATION = "abuse_of_vulnerability_at_destination"

RECRUITMENT_ELEMENTS = (
    DECEPTIVE_RECRUITMENT,
    COERCIVE_RECRUITMENT,
    RECRUITMENT_ABUSE_OF_VULNERABILITY,
)
MEANS_ELEMENTS = (COERCION_AT_DESTINATION, ABUSE_OF_VULNERABILITY_AT_DESTINATION)
ELEMENTS = (*RECRUITMENT_ELEMENTS, EXPLOITATION, *MEANS_ELEMENTS)

OFFICE_SET = "office"
INDICATOR_SETS = ("labour", "sexual", OFFICE_SET)


class Strength(StrEnum):
    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"


class Answer(StrEnum):
    OBSERVED = "observed"
    REPORTED_BY_CHILD = "reported_by_child"
    REPORTED_BY_OTHERS = "reported_by_others"
    NOT_OBSERVED = "not_observed"
    NOT_ASKED = "not_asked"


COUNTING_ANSWERS = frozenset({Answer.OBSERVED, Answer.REPORTED_BY_CHILD, Answer.REPORTED_BY_OTHERS})


class IndicatorFileError(ValueError):
    """The indicator file is not usable; the message names the indicator."""


@dataclass(frozen=True)
class Indicator:
    id: str
    indicator_set: str
    element: str
    strength: Strength
    texts: Mapping[str, str]
    office: bool = False
    rationale: str = ""

    def text(self, language: str) -> str:
        """The indicator in a language of the app (sr-Latn is derived from sr), else English."""
        if language == "sr-Latn":
            return serbian_latin(self.texts["sr"])
        return self.texts.get(language) or self.texts["en"]


@dataclass(frozen=True)
class Catalogue:
    version: str
    source: str
    review: str
    indicators: tuple[Indicator, ...]
    element_names: Mapping[str, Mapping[str, str]]
    by_id: Mapping[str, Indicator] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {item.id: item for item in self.indicators})

    def for_set(self, indicator_set: str) -> tuple[Indicator, ...]:
        """The indicators of one published list, followed by the office's own."""
        chosen = (indicator_set, OFFICE_SET)
        return tuple(item for item in self.indicators if item.indicator_set in chosen)


def indicators_path() -> Path:
    return resources_dir() / "protection" / "indicators-2009.json"


def load_catalogue(path: Path | None = None) -> Catalogue:
    with open(path or indicators_path(), encoding="utf-8") as handle:
        return catalogue_from_data(json.load(handle))


def catalogue_from_data(data: Mapping[str, Any]) -> Catalogue:
    """Checks every indicator and builds the catalogue; the first fault is refused by its id."""
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for entry in data.get("indicators", ()):
        ident = str(entry.get("id") or "")
        if not ident or ident in seen:
            # TRANSLATORS: {id} is a trafficking indicator's code, e.g. cl-dr-01.
            raise IndicatorFileError(
                _("Indicator {id} appears twice or has no id.").format(id=ident)
            )
        seen.add(ident)
        if entry.get("element") not in ELEMENTS:
            raise IndicatorFileError(
                # TRANSLATORS: {id} is an indicator's code; {element} is the unknown value found.
                _("Indicator {id} has an unknown element: {element}.").format(
                    id=ident, element=entry.get("element")
                )
            )
        if entry.get("strength") not in set(Strength) or entry.get("set") not in INDICATOR_SETS:
            raise IndicatorFileError(
                _("Indicator {id} has an unknown strength or set.").format(id=ident)
            )
        texts = entry.get("text") or {}
        missing = [code for code in LANGUAGES if not str(texts.get(code) or "").strip()]
        if missing:
            raise IndicatorFileError(
                # TRANSLATORS: {id} is an indicator's code; {languages} are language codes (sq, mk).
                _("Indicator {id} lacks its text in {languages}.").format(
                    id=ident, languages=", ".join(missing)
                )
            )
        indicators.append(
            Indicator(
                id=ident,
                indicator_set=entry["set"],
                element=entry["element"],
                strength=Strength(entry["strength"]),
                texts={code: texts[code] for code in LANGUAGES},
                office=bool(entry.get("office", False)),
                rationale=str(entry.get("rationale", "")),
            )
        )
    return Catalogue(
        version=str(data.get("version", "")),
        source=str(data.get("source", "")),
        review=str(data.get("review", "")),
        indicators=tuple(indicators),
        element_names=data.get("elements", {}),
    )


def element_positive(strong: int, medium: int, weak: int) -> bool:
    """The published threshold for one element."""
    return (
        strong >= 2
        or (strong >= 1 and medium + weak >= 1)
        or medium >= 3
        or (medium >= 2 and weak >= 1)
    )


@dataclass(frozen=True)
class ElementResult:
    element: str
    positive: bool
    counted: tuple[Indicator, ...]
    """Every indicator of the element whose answer counts, strongest first."""

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        """The indicators that made the element positive (empty when it is not)."""
        return tuple(item.id for item in self.counted) if self.positive else ()

    def count(self, strength: Strength) -> int:
        return sum(1 for item in self.counted if item.strength is strength)


@dataclass(frozen=True)
class ScreeningResult:
    indicator_set: str
    child: bool
    elements: Mapping[str, ElementResult]
    recruitment: bool
    exploitation: bool
    means: bool
    flagged: bool
    """A flag for the officer, never a decision."""

    @property
    def means_required(self) -> bool:
        return not self.child

    def positive_elements(self) -> tuple[str, ...]:
        return tuple(name for name in ELEMENTS if self.elements[name].positive)

    def explanation(self) -> dict[str, tuple[str, ...]]:
        """Per positive element, exactly the indicators that made it positive."""
        return {name: self.elements[name].indicator_ids for name in self.positive_elements()}


_ORDER = {Strength.STRONG: 0, Strength.MEDIUM: 1, Strength.WEAK: 2}


def assess(
    catalogue: Catalogue,
    answers: Mapping[str, Answer | str],
    *,
    indicator_set: str = "labour",
    child: bool = True,
) -> ScreeningResult:
    """Applies the rule to one screening: answers by indicator id, one published list."""
    allowed = {item.id: item for item in catalogue.for_set(indicator_set)}
    counted: dict[str, list[Indicator]] = {name: [] for name in ELEMENTS}
    for ident, answer in answers.items():
        indicator = allowed.get(ident)
        if indicator is None:
            raise KeyError(f"indicator {ident!r} is not in the {indicator_set} list")
        if Answer(answer) in COUNTING_ANSWERS:
            counted[indicator.element].append(indicator)
    elements = {name: _element(name, counted[name]) for name in ELEMENTS}
    recruitment = any(elements[name].positive for name in RECRUITMENT_ELEMENTS)
    exploitation = elements[EXPLOITATION].positive
    means = any(elements[name].positive for name in MEANS_ELEMENTS)
    flagged = recruitment and exploitation and (child or means)
    return ScreeningResult(
        indicator_set=indicator_set,
        child=child,
        elements=elements,
        recruitment=recruitment,
        exploitation=exploitation,
        means=means,
        flagged=flagged,
    )


def _element(name: str, items: Iterable[Indicator]) -> ElementResult:
    ordered = tuple(sorted(items, key=lambda item: (_ORDER[item.strength], item.id)))
    strong, medium, weak = (
        sum(1 for item in ordered if item.strength is level) for level in Strength
    )
    return ElementResult(name, element_positive(strong, medium, weak), ordered)
