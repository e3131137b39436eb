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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from guardian_desk.domain.errors import GuardianDeskError
from guardian_desk.i18n import _, ngettext
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

    added: bool = False
    """Added by the office (stored in its settings), not shipped in the indicator file."""

    def text(self, language: str) -> str:
        """The indicator in a language of the app (sr-Latn is derived from sr), else English."""
        if language == "sr-Latn":
            serbian = self.texts.get("sr")
            return serbian_latin(serbian) if serbian else self.texts["en"]
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

    def added(self) -> tuple[Indicator, ...]:
        """The indicators the office added (merge_office_indicators), in their order."""
        return tuple(item for item in self.indicators if item.added)


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


# --- the indicators an office adds ---------------------------------------------------------------
# Stored in office_settings.office_indicators (services/screenings.py), in the shape of the
# file's "indicators" entries: id, set, element, strength, text {en, and sq, sr, mk if the office
# has them: a missing one falls back to English}, rationale. They may add to either published
# list (an office loads the children/sexual list itself) or to the office's own.

MAX_OFFICE_INDICATORS = 200
MAX_OFFICE_ID_LENGTH = 20  # screening_answers.indicator_id holds 40
MAX_OFFICE_TEXT_LENGTH = 1000
_OFFICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class OfficeIndicatorError(GuardianDeskError):
    """An indicator the office would add is refused; the message names the entry."""


def office_entries_from_data(data: Any) -> list[Any]:
    """The entries of an office's indicator file: the indicator file's format (a JSON object
    with "indicators") or a bare list of entries. Not checked yet: see check_office_indicators."""
    if isinstance(data, Mapping) and isinstance(data.get("indicators"), list):
        return list(data["indicators"])
    if isinstance(data, list):
        return list(data)
    raise OfficeIndicatorError(
        _(
            "The file is not a list of indicators: it must hold a JSON object with "
            '"indicators", or a JSON list of indicators.'
        )
    )


def read_office_file(path: Path) -> list[Any]:
    """The entries of an office's indicator file (JSON, UTF-8); not checked yet. An unreadable
    file raises OSError; a file that is not JSON, OfficeIndicatorError naming it."""
    raw = Path(path).read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = f"{exc.msg}, line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise OfficeIndicatorError(
            # TRANSLATORS: {file} is the file's name; {reason} the JSON reader's own words.
            _("{file} is not a JSON file in UTF-8 ({reason}).").format(
                file=Path(path).name, reason=reason or "UTF-8"
            )
        ) from None
    return office_entries_from_data(data)


def write_office_file(path: Path, data: Mapping[str, Any]) -> None:
    """Write what office_file_data gave, as the indicator file is written (UTF-8, indented)."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    Path(path).write_text(text, encoding="utf-8")


def _entry_name(number: int, entry: Any) -> str:
    ident = entry.get("id") if isinstance(entry, Mapping) else None
    if isinstance(ident, str) and ident.strip():
        return ident.strip()
    # TRANSLATORS: names an entry without an id by its place in the file: "entry 3".
    return _("entry {number}").format(number=number)


def _check_office_entry(number: int, entry: Any, taken: Mapping[str, str]) -> dict[str, Any]:
    """One entry, cleaned; ``taken``: the ids already used (shipped ones map to "shipped")."""
    name = _entry_name(number, entry)

    def refuse(problem: str) -> OfficeIndicatorError:
        # TRANSLATORS: {entry} is an indicator's id (or "entry 3"); {problem} says what is wrong.
        return OfficeIndicatorError(
            _("Office indicator {entry}: {problem}").format(entry=name, problem=problem)
        )

    if not isinstance(entry, Mapping):
        raise refuse(
            _("it is not an indicator (a JSON object with id, set, element, strength and text).")
        )
    ident = entry.get("id")
    if not isinstance(ident, str) or not ident.strip():
        raise refuse(_("it has no id."))
    ident = ident.strip()
    if len(ident) > MAX_OFFICE_ID_LENGTH:
        raise refuse(
            # TRANSLATORS: {count} is the most characters an id may have (20).
            ngettext(
                "the id is longer than {count} character.",
                "the id is longer than {count} characters.",
                MAX_OFFICE_ID_LENGTH,
            ).format(count=MAX_OFFICE_ID_LENGTH)
        )
    if not _OFFICE_ID.fullmatch(ident):
        raise refuse(_("the id may hold only letters, digits, dots, hyphens and underscores."))
    if taken.get(ident) == "shipped":
        raise refuse(_("the id is already used by an indicator of the shipped list."))
    if ident in taken:
        raise refuse(_("the id appears more than once."))
    indicator_set = entry.get("set")
    if indicator_set not in INDICATOR_SETS:
        raise refuse(
            # TRANSLATORS: {value} is the list found; {allowed} the accepted words, in English.
            _("the list {value} is not one of: {allowed}.").format(
                value=repr(indicator_set), allowed=", ".join(INDICATOR_SETS)
            )
        )
    element = entry.get("element")
    if element not in ELEMENTS:
        raise refuse(
            _("the element {value} is not one of: {allowed}.").format(
                value=repr(element), allowed=", ".join(ELEMENTS)
            )
        )
    strength = entry.get("strength")
    if strength not in {level.value for level in Strength}:
        raise refuse(
            _("the strength {value} is not one of: {allowed}.").format(
                value=repr(strength), allowed=", ".join(level.value for level in Strength)
            )
        )
    texts = entry.get("text")
    if not isinstance(texts, Mapping) or not isinstance(texts.get("en"), str):
        raise refuse(_("it has no English text (text.en)."))
    cleaned_texts: dict[str, str] = {}
    for code, text in texts.items():
        if code not in LANGUAGES:
            raise refuse(
                # TRANSLATORS: {code} is the language code found; {allowed} the accepted ones.
                _("its text has a language {code} that is not one of: {allowed}.").format(
                    code=repr(code), allowed=", ".join(LANGUAGES)
                )
            )
        if text is None:
            continue
        if not isinstance(text, str):
            raise refuse(_("its text in {code} is not a text.").format(code=code))
        if len(text.strip()) > MAX_OFFICE_TEXT_LENGTH:
            raise refuse(
                ngettext(
                    "its text in {code} is longer than {count} character.",
                    "its text in {code} is longer than {count} characters.",
                    MAX_OFFICE_TEXT_LENGTH,
                ).format(code=code, count=MAX_OFFICE_TEXT_LENGTH)
            )
        if text.strip():
            cleaned_texts[code] = text.strip()
    if "en" not in cleaned_texts:
        raise refuse(_("it has no English text (text.en)."))
    rationale = entry.get("rationale", "")
    if rationale is None:
        rationale = ""
    if not isinstance(rationale, str):
        raise refuse(_("its rationale is not a text."))
    cleaned: dict[str, Any] = {
        "id": ident,
        "set": indicator_set,
        "element": element,
        "strength": strength,
        "text": {code: cleaned_texts[code] for code in LANGUAGES if code in cleaned_texts},
    }
    if rationale.strip():
        cleaned["rationale"] = rationale.strip()
    return cleaned


def check_office_indicators(catalogue: Catalogue, entries: Sequence[Any]) -> list[dict[str, Any]]:
    """Every entry checked against the shipped ``catalogue`` and cleaned (the stored form);
    the first bad one is refused by name, so a list is taken whole or not at all."""
    if isinstance(entries, (str, bytes)) or not isinstance(entries, Sequence):
        raise OfficeIndicatorError(
            _(
                "The file is not a list of indicators: it must hold a JSON object with "
                '"indicators", or a JSON list of indicators.'
            )
        )
    if len(entries) > MAX_OFFICE_INDICATORS:
        raise OfficeIndicatorError(
            # TRANSLATORS: {count} is how many the list has; {limit} the most an office may add.
            ngettext(
                "The office may add at most {limit} indicators; this list has {count}.",
                "The office may add at most {limit} indicators; this list has {count}.",
                len(entries),
            ).format(limit=MAX_OFFICE_INDICATORS, count=len(entries))
        )
    taken: dict[str, str] = {item.id: "shipped" for item in catalogue.indicators if not item.added}
    cleaned: list[dict[str, Any]] = []
    for number, entry in enumerate(entries, start=1):
        found = _check_office_entry(number, entry, taken)
        taken[found["id"]] = "office"
        cleaned.append(found)
    return cleaned


def merge_office_indicators(catalogue: Catalogue, entries: Sequence[Any]) -> Catalogue:
    """The shipped ``catalogue`` followed by the office's entries (checked, see
    check_office_indicators); an empty list gives the catalogue itself."""
    if not entries:
        return catalogue
    added = tuple(
        Indicator(
            id=entry["id"],
            indicator_set=entry["set"],
            element=entry["element"],
            strength=Strength(entry["strength"]),
            texts=dict(entry["text"]),
            office=entry["set"] == OFFICE_SET,
            rationale=entry.get("rationale", ""),
            added=True,
        )
        for entry in check_office_indicators(catalogue, entries)
    )
    shipped = tuple(item for item in catalogue.indicators if not item.added)
    return replace(catalogue, indicators=shipped + added)


def office_file_data(catalogue: Catalogue, entries: Sequence[Any]) -> dict[str, Any]:
    """The office's entries in the indicator file's format (what "Save as file" writes and
    office_entries_from_data reads back)."""
    return {
        "format": 1,
        "version": "office",
        "title": "Screening indicators added by the office",
        "based_on": catalogue.version,
        "indicators": check_office_indicators(catalogue, entries),
    }


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
