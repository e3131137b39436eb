"""The referral letter: the case sent to a service, carrying only the fields the officer chose.

``LETTER_FIELDS`` are the fields an officer can put in the letter; the case number is always
printed (the service quotes it back), nothing else is unless chosen: not the name, not the
date of birth, not the screening. ``referral_letter`` reads the content from the records inside
the paper's language (the register calls it); ``render_referral_letter`` is pure (content in,
PDF out). The chosen keys are stored in the register's issue row, so a reprint prints the same
fields, and in the disclosure row (services/referrals.py: issue_referral_letter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import Child, Referral, Screening
from guardian_desk.domain.enums import AssignmentRole
from guardian_desk.domain.errors import NotFoundError, ValidationError
from guardian_desk.domain.languages import country_name, language_name
from guardian_desk.i18n import N_, _, current_language
from guardian_desk.i18n.formats import list_text
from guardian_desk.papers import sources
from guardian_desk.papers.blocks import (
    body,
    fields,
    format_date,
    heading,
    office_text,
    officer_signatory,
    paragraph,
    reference_line,
    signatures,
    title,
)
from guardian_desk.papers.content import Letterhead, Paper
from guardian_desk.papers.languages import both, paper_language
from guardian_desk.papers.layout import build_pdf
from guardian_desk.papers.text import Span

if TYPE_CHECKING:  # targets.py imports this module's resolve_letter when asked for a letter
    from guardian_desk.papers.targets import Resolved

# The fields an officer can put in a referral letter: key -> printed label, in the letter's order.
LETTER_FIELDS: dict[str, str] = {
    "case_number": N_("Case number"),  # always printed
    "full_name": N_("Name"),
    "original_name": N_("Name in original script"),
    "sex": N_("Sex"),
    "date_of_birth": N_("Date of birth"),
    "nationality": N_("Nationality"),
    "languages": N_("Languages"),
    "facility": N_("Lives at"),
    "guardian": N_("Guardian"),
    "identified_on": N_("Identified on"),
    "accompanying_adults": N_("Came with"),
    "screening": N_("Screening result"),  # which elements are positive, no indicator
    "screening_indicators": N_("Indicators behind the result"),
    "reason": N_("Reason for the referral"),
    "consent": N_("Consent"),
    "legal_basis": N_("Legal basis"),
}
ALWAYS = ("case_number",)
# What identifies or endangers the child: unticked until the officer chooses it.
SENSITIVE = frozenset(
    {
        "full_name",
        "original_name",
        "date_of_birth",
        "facility",
        "accompanying_adults",
        "screening",
        "screening_indicators",
    }
)
DEFAULT_FIELDS = tuple(key for key in LETTER_FIELDS if key not in SENSITIVE)
# The fields printed in the "Child" block (the others have their own sections).
_CHILD_FIELDS = (
    "case_number",
    "full_name",
    "original_name",
    "sex",
    "date_of_birth",
    "nationality",
    "languages",
    "facility",
    "guardian",
    "identified_on",
    "accompanying_adults",
)
_SEXES = {
    "female": N_("Female"),
    "male": N_("Male"),
    "other": N_("Other"),
    "unknown": N_("Unknown"),
}


def check_letter_fields(chosen: Sequence[str]) -> tuple[str, ...]:
    """The chosen keys in the letter's order, the case number always first; an unknown key is
    refused naming the known ones."""
    wanted = {key.strip() for key in chosen if key.strip()}
    unknown = sorted(wanted - set(LETTER_FIELDS))
    if unknown:
        raise ValidationError(
            "fields",
            unknown[0],
            # TRANSLATORS: {fields} lists the field keys, e.g. "case_number, full_name, sex".
            _("is not a referral letter field ({fields})").format(fields=", ".join(LETTER_FIELDS)),
        )
    return tuple(key for key in LETTER_FIELDS if key in wanted or key in ALWAYS)


@dataclass(frozen=True, kw_only=True)
class ReferralLetterContent(Paper):
    """The letter: to whom, the chosen fields (labels in English, values in the paper's
    language), and the sections chosen (None: not chosen, left out)."""

    recipient_kind: str  # in the paper's language
    recipient_name: str | None = None
    case_number: str
    child: tuple[tuple[str, str], ...] = ()
    screening: tuple[str, ...] | None = None  # the positive elements, a line each
    screened_on: date | None = None
    indicators: tuple[tuple[str, tuple[str, ...]], ...] | None = None  # element -> indicators
    reason: str | None = None
    consent: tuple[tuple[str, str], ...] | None = None
    legal_basis: str | None = None


def _text(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _element_names(language: str) -> dict[str, str]:
    from guardian_desk.i18n.transliteration import serbian_latin
    from guardian_desk.protection.indicators import load_catalogue

    names: dict[str, str] = {}
    for element, texts in load_catalogue().element_names.items():
        if language == "sr-Latn":
            names[element] = serbian_latin(texts.get("sr") or texts.get("en", element))
        else:
            names[element] = texts.get(language) or texts.get("en") or element
    return names


def _screening_of(session: Session, referral: Referral) -> Screening | None:
    """The screening the referral names, else the child's latest."""
    if referral.screening_id is not None:
        found = session.get(Screening, referral.screening_id)
        if found is not None:
            return found
    return session.scalars(
        select(Screening)
        .where(Screening.child_id == referral.child_id)
        .order_by(Screening.screened_at.desc(), Screening.id.desc())
        .limit(1)
    ).first()


def _indicators(
    session: Session, screening: Screening, language: str
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    from guardian_desk.protection.indicators import assess
    from guardian_desk.services.screenings import screening_catalogue

    catalogue = screening_catalogue(session)  # the shipped indicators and the office's own
    allowed = {item.id for item in catalogue.for_set(screening.indicator_set)}
    answers = {a.indicator_id: a.answer for a in screening.answers if a.indicator_id in allowed}
    result = assess(catalogue, answers, indicator_set=screening.indicator_set)
    names = _element_names(language)
    return tuple(
        (names.get(element, element), tuple(catalogue.by_id[i].text(language) for i in ids))
        for element, ids in result.explanation().items()
    )


def _adults(child: Child) -> str | None:
    from guardian_desk.protection.words import CHECK_OUTCOME_NAMES, word

    lines = []
    for adult in child.accompanying_adults:
        relationship = adult.claimed_relationship.strip() or _("relationship not stated")
        # TRANSLATORS: an adult who came with the child: "Amir Rahimi (uncle): Not yet known".
        lines.append(
            _("{name} ({relationship}): {outcome}").format(
                name=adult.full_name,
                relationship=relationship,
                outcome=word(CHECK_OUTCOME_NAMES, adult.check_outcome),
            )
        )
    return _text("; ".join(lines))


def _child_value(session: Session, child: Child, key: str) -> str | None:
    if key == "case_number":
        return child.case_number
    if key == "full_name":
        return _text(f"{child.given_name} {child.family_name}")
    if key == "original_name":
        return _text(f"{child.given_name_original} {child.family_name_original}")
    if key == "sex":
        sex = getattr(child.sex, "value", str(child.sex))
        return _(_SEXES[sex]) if sex in _SEXES else sex
    if key == "date_of_birth" and child.date_of_birth is not None:
        born = format_date(child.date_of_birth)
        return _("{date} (estimated)").format(date=born) if child.dob_estimated else born
    if key == "nationality" and child.nationality:
        return _text(country_name(child.nationality))
    if key == "languages":
        return _text(list_text(language_name(lang.code) for lang in child.languages))
    if key == "facility" and child.facility is not None:
        return child.facility.name
    if key == "guardian":
        active = sources.active_assignments(session, child.id, AssignmentRole.GUARDIAN)
        people = [a.guardian for a in active if a.guardian is not None]
        return _text(
            ", ".join(" ".join(filter(None, (p.full_name, p.phone.strip()))) for p in people)
        )
    if key == "identified_on":
        return format_date(child.identified_on)
    if key == "accompanying_adults":
        return _adults(child)
    return None


def referral_letter(
    session: Session,
    child: Child,
    referral: Referral,
    chosen: Sequence[str],
    head: dict[str, Any],
) -> ReferralLetterContent:
    """The letter's content from the records, in the paper's language: the chosen fields only."""
    from guardian_desk.protection.words import CONSENT_NAMES, RECIPIENT_NAMES, word

    head.pop("settings")
    keys = check_letter_fields(chosen)
    language = current_language()
    not_recorded = _("not recorded")
    rows = tuple(
        (LETTER_FIELDS[key], _child_value(session, child, key) or not_recorded)
        for key in _CHILD_FIELDS
        if key in keys
    )
    screening = (
        _screening_of(session, referral)
        if {"screening", "screening_indicators"} & set(keys)
        else None
    )
    found: dict[str, Any] = {}
    if "screening" in keys:
        names = _element_names(language)
        found["screening"] = tuple(
            names.get(e, e) for e in (screening.positive_elements if screening else ())
        )
        found["screened_on"] = screening.screened_at.date() if screening else None
    if "screening_indicators" in keys:
        found["indicators"] = _indicators(session, screening, language) if screening else ()
    if "reason" in keys:
        found["reason"] = _text(referral.reason) or not_recorded
    if "consent" in keys:
        found["consent"] = (
            (N_("The child"), word(CONSENT_NAMES, referral.child_consent)),
            (N_("The guardian"), word(CONSENT_NAMES, referral.guardian_consent)),
        )
    if "legal_basis" in keys:
        found["legal_basis"] = _text(referral.legal_basis) or not_recorded
    changes = sources.office_words(session, head)[1]
    return ReferralLetterContent(
        **(head | changes),
        recipient_kind=word(RECIPIENT_NAMES, referral.recipient_kind),
        recipient_name=_text(referral.recipient_name),
        case_number=child.case_number,
        child=rows,
        **found,
    )


def resolve_letter(session: Session, target: Any, child: Child, title_text: str) -> Resolved:
    """The register's target for a referral letter: the referral must be the child's."""
    from guardian_desk.papers.targets import Resolved

    referral_id = getattr(target, "referral_id", None)
    referral = session.get(Referral, referral_id) if referral_id is not None else None
    if referral is None or referral.child_id != child.id:
        raise NotFoundError("referral", referral_id)
    done = replace(target, fields=check_letter_fields(target.fields), recipient=None)
    return Resolved(
        done,
        # The register's subject names the case only: the name is not among the fields chosen.
        f"{title_text}: {child.case_number}",
        lambda head: referral_letter(session, child, referral, done.fields, head),
    )


def render_referral_letter(
    content: ReferralLetterContent,
    letterhead: Letterhead,
    *,
    language: str | None = None,
    bilingual: bool = False,
) -> bytes:
    """The referral letter in ``language``, with English beside it when ``bilingual``."""
    with paper_language(language, bilingual):
        return build_pdf(content, letterhead, _story(content, letterhead))


def _story(content: ReferralLetterContent, letterhead: Letterhead) -> list[Flowable]:
    story: list[Flowable] = [
        reference_line(content),
        *fields(
            [
                (both(lambda: _("To")), content.recipient_kind),
                ("", content.recipient_name),
            ]
        ),
        title(both(lambda: _("Referral of an unaccompanied child"))),
        *paragraph(
            lambda: _(
                "{office} refers the child with case number {case_number}, an unaccompanied "
                "child in its care, to your service. Please acknowledge this letter and tell us "
                "your decision, quoting our reference {reference}."
            ).format(
                office=letterhead.office_name,
                case_number=content.case_number,
                reference=content.reference,
            )
        ),
        heading(both(lambda: _("Child"))),
        *fields([(both(partial(_, label)), value) for label, value in content.child]),
    ]
    if content.screening is not None:
        story.append(heading(both(lambda: _("Screening for trafficking"))))
        if content.screened_on is None:
            story += paragraph(lambda: _("No screening is recorded."))
        elif content.screening:
            screened = content.screened_on
            story += paragraph(
                # TRANSLATORS: {date} is the day of the screening on the ILO/EC indicators.
                lambda: _(
                    "The screening of {date} on the ILO/European Commission indicators found "
                    "these elements positive:"
                ).format(date=format_date(screened))
            )
            story += [body("• " + element, space_after=0.5) for element in content.screening]
        else:
            screened = content.screened_on
            story += paragraph(
                lambda: _(
                    "The screening of {date} on the ILO/European Commission indicators found no "
                    "element positive."
                ).format(date=format_date(screened))
            )
    if content.indicators is not None:
        story.append(heading(both(lambda: _("Indicators behind the result"))))
        if not content.indicators:
            story += paragraph(lambda: _("No element was found positive."))
        for element, texts in content.indicators:
            story.append(body([Span(element, bold=True)], space_after=0.5))
            story += [body("    – " + text, space_after=0.5) for text in texts]
    if content.screening is not None or content.indicators is not None:
        story.append(Spacer(0, 2 * mm))
        story += paragraph(
            lambda: _(
                "A screening flags; it does not identify a victim of trafficking. Formal "
                "identification is for the competent authority."
            )
        )
    if content.reason is not None:
        story += [heading(both(lambda: _("Reason for the referral"))), body(content.reason)]
    if content.consent is not None:
        consent = [(both(partial(_, who)), value) for who, value in content.consent]
        story.append(KeepTogether([heading(both(lambda: _("Consent"))), *fields(consent)]))
    if content.legal_basis is not None:
        story += [heading(both(lambda: _("Legal basis"))), *office_text(content.legal_basis)]
    story += paragraph(
        lambda: _(
            "Confidential: personal data of a child, shared only for this referral. Do not pass "
            "it on without the office's consent."
        )
    )
    if content.closing:
        story += office_text(content.closing, content.english.closing if content.english else None)
    story.append(signatures([officer_signatory(content)]))
    return story
