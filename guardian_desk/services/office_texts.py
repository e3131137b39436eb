"""The texts an office writes on its papers, one per language (docs/papers.md).

    texts = office_texts(session, "sq")           # what the office wrote in Albanian
    update_office_texts(session, [replace(texts, legal_basis="Ligji nr. 18/2017 ...")],
                        expected_version=settings.version)
    words = paper_words(session, "sq")            # what a paper prints: defaults filled in

Four texts: the legal basis (the office's law: no default, left out until written), the
duties of the guardian (one a line; default: Guardian Desk's four, translated), the closing
formula (default: Guardian Desk's, translated) and the signatory's title (default: the
signing officer's own title). A text left empty takes its default again.

Edits are guarded, like the other settings, by the settings row's version: a save made from
stale settings is refused, and a saved change bumps the version. Changes are audited as
settings updates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import OfficeSettings, OfficeText
from guardian_desk.db.models.settings import SETTINGS_ID
from guardian_desk.domain import validation as v
from guardian_desk.domain.errors import ValidationError
from guardian_desk.domain.parsing import Collector
from guardian_desk.domain.vocabularies import TEXT_KINDS
from guardian_desk.i18n import _, ngettext, using_language
from guardian_desk.i18n.languages import ENGLISH, LANGUAGES, normalise
from guardian_desk.security.roles import Permission, requires
from guardian_desk.services import audit
from guardian_desk.services.locking import flush_checked, load_for_update, touch

MAX_LENGTH = {"legal_basis": 4000, "duties": 4000, "closing": 1000, "signatory_title": 200}


@dataclass(frozen=True)
class OfficeTexts:
    """What the office wrote in one language; "" where it wrote nothing (the default prints)."""

    language: str
    legal_basis: str = ""
    duties: str = ""  # one duty a line
    closing: str = ""
    signatory_title: str = ""

    def values(self) -> dict[str, str]:
        return {kind: getattr(self, kind) for kind in TEXT_KINDS}


@dataclass(frozen=True)
class PaperWords:
    """What a paper prints in one language: the office's texts, else the defaults."""

    legal_basis: str | None  # None: not written, the paper leaves the section out
    duties: tuple[str, ...]
    closing: str
    signatory_title: str | None  # None: the signing officer's own title


def papers_language(settings: OfficeSettings) -> str:
    """The papers' default language: the office's, when papers are printed in it, else English."""
    code = normalise(settings.language)
    return code if code in LANGUAGES else ENGLISH


def default_duties(interval: int) -> tuple[str, ...]:
    """Guardian Desk's duties of a guardian, in the active language."""
    return (
        _("Represent the child and act in the child's best interests in every procedure."),
        ngettext(
            "Meet the child regularly and at least once every {interval} day.",
            "Meet the child regularly and at least once every {interval} days.",
            interval,
        ).format(interval=interval),
        _("Take part in the child's asylum, health, schooling and accommodation decisions."),
        _("Tell the office without delay when the child goes missing or is at risk."),
    )


def default_closing() -> str:
    """Guardian Desk's closing formula, in the active language."""
    return _("Issued by the office named above, on the date written at the top of this paper.")


def defaults(language: str, interval: int) -> OfficeTexts:
    """The built-in texts of a language, as the settings show them under an empty field."""
    with using_language(language):
        return OfficeTexts(
            language, duties="\n".join(default_duties(interval)), closing=default_closing()
        )


def _check_language(language: str) -> str:
    code = normalise(language)
    if code not in LANGUAGES:
        raise ValidationError(
            "language",
            language,
            _("is not a language papers are printed in ({languages})").format(
                languages=", ".join(LANGUAGES)
            ),
        )
    return code


def _stored(session: Session) -> dict[tuple[str, str], OfficeText]:
    return {(row.language, row.kind): row for row in session.scalars(select(OfficeText))}


@requires(Permission.READ_RECORDS)
def all_office_texts(session: Session) -> dict[str, OfficeTexts]:
    """What the office wrote, for every language papers are printed in."""
    stored = _stored(session)
    return {
        language: OfficeTexts(
            language,
            **{kind: row.text for (lang, kind), row in stored.items() if lang == language},
        )
        for language in LANGUAGES
    }


@requires(Permission.READ_RECORDS)
def office_texts(session: Session, language: str) -> OfficeTexts:
    return all_office_texts(session)[_check_language(language)]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@requires(Permission.READ_RECORDS)
def paper_words(session: Session, language: str, *, interval: int | None = None) -> PaperWords:
    """What a paper in ``language`` prints: the office's texts, else the defaults.

    The signatory's title is None when the office wrote none: the officer's own title prints.
    A language papers are not printed in (the pseudo-locale) gets the defaults only.
    """
    settings = session.get(OfficeSettings, SETTINGS_ID)
    interval = interval or (settings.visit_interval_days if settings is not None else 30)
    code = normalise(language)
    written = all_office_texts(session).get(code or "", OfficeTexts(language))
    with using_language(language):
        return PaperWords(
            legal_basis=written.legal_basis.strip() or None,
            duties=_lines(written.duties) or default_duties(interval),
            closing=written.closing.strip() or default_closing(),
            signatory_title=written.signatory_title.strip() or None,
        )


def _clean(c: Collector, texts: OfficeTexts) -> OfficeTexts:
    language = c(lambda: _check_language(texts.language), texts.language)

    def checked(kind: str) -> str:
        field = f"{language}.{kind}"
        return v.note(field, getattr(texts, kind), max_length=MAX_LENGTH[kind]).strip()

    cleaned = {kind: c(partial(checked, kind), "") for kind in TEXT_KINDS}
    return OfficeTexts(language, **cleaned)


@requires(Permission.MANAGE_SETTINGS)
def update_office_texts(
    session: Session, texts: Sequence[OfficeTexts], expected_version: int
) -> OfficeSettings:
    """Store the office's texts of these languages ("" removes one: its default prints).

    Refused whole when the settings changed since ``expected_version`` was read.
    """
    c = Collector()
    cleaned = [_clean(c, one) for one in texts]
    c.raise_if_any()
    row = load_for_update(session, OfficeSettings, SETTINGS_ID, expected_version, "settings")
    stored = _stored(session)
    changes: list[tuple[str, str, str]] = []  # language, kind, new text
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for one in cleaned:
        for kind, text in one.values().items():
            found = stored.get((one.language, kind))
            old = found.text if found is not None else ""
            if old != text:
                changes.append((one.language, kind, text))
                before[f"{kind}.{one.language}"], after[f"{kind}.{one.language}"] = old, text
    if not changes:
        return row
    # The settings row first: a second editor waits for its lock, then finds it changed.
    touch(row)
    flush_checked(session, row, "settings", expected_version)
    for language, kind, text in changes:
        found = stored.get((language, kind))
        if found is None:
            session.add(OfficeText(language=language, kind=kind, text=text))
        elif text:
            found.text = text
        else:
            session.delete(found)
    session.flush()
    audit.record(session, "settings", SETTINGS_ID, "update", before=before, after=after)
    return row


@requires(Permission.MANAGE_SETTINGS)
def set_papers_language(session: Session, language: str, expected_version: int) -> OfficeSettings:
    """The language papers are printed in unless the officer chooses another."""
    code = _check_language(language)
    row = load_for_update(session, OfficeSettings, SETTINGS_ID, expected_version, "settings")
    if row.language == code:
        return row
    before = row.language
    row.language = code
    flush_checked(session, row, "settings", expected_version)
    audit.record(
        session,
        "settings",
        SETTINGS_ID,
        "update",
        before={"language": before},
        after={"language": code},
    )
    return row


__all__ = [
    "OfficeTexts",
    "PaperWords",
    "all_office_texts",
    "default_closing",
    "default_duties",
    "defaults",
    "office_texts",
    "paper_words",
    "papers_language",
    "set_papers_language",
    "update_office_texts",
]
