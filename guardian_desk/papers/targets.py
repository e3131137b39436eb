"""What a paper is about: the register's target, found in the records, and the paper's content.

`resolve` finds the assignment, child or person a paper is for and refuses what cannot be
printed, in the interface language; the `Resolved.build` it returns reads the paper's content,
which the register calls inside the paper's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from guardian_desk.db.models import Assignment, Guardian, Mediator
from guardian_desk.domain.enums import AssignmentRole, DocumentKind
from guardian_desk.domain.errors import NotFoundError, RuleViolation, ValidationError
from guardian_desk.i18n import _
from guardian_desk.papers import sources, summaries
from guardian_desk.services import audit
from guardian_desk.services.children import get_child
from guardian_desk.services.staff import get_staff


@dataclass(frozen=True)
class Target:
    """What a paper is about, as stored in the register and the issue audit row."""

    kind: DocumentKind
    assignment_id: int | None = None
    child_id: int | None = None
    guardian_id: int | None = None
    mediator_id: int | None = None
    period: tuple[date, date] | None = None
    fields: tuple[str, ...] = ()
    purpose: str = "Referral"
    recipient: str | None = None
    language: str = "en"  # what the paper is printed in
    bilingual: bool = False  # with English beside it
    episode_id: int | None = None  # a missing-child report's episode
    disclosure_id: int | None = None  # a transfer summary's disclosure (the bundle sent)
    referral_id: int | None = None  # a referral letter's referral


@dataclass(frozen=True)
class Resolved:
    target: Target  # completed with the people it names
    subject: str  # the register's subject, in English (a stored value)
    build: Callable[[dict[str, Any]], Any]  # the content, from the paper's head


def target_json(target: Target) -> dict[str, Any]:
    found = {k: v for k, v in vars(target).items() if v not in (None, ())}
    return dict(audit.json_safe(found))


def target_from_json(data: dict[str, Any]) -> Target:
    """A stored target; a paper issued before papers had languages was printed in English."""
    period = data.get("period")
    return Target(
        kind=DocumentKind(data["kind"]),
        assignment_id=data.get("assignment_id"),
        child_id=data.get("child_id"),
        guardian_id=data.get("guardian_id"),
        mediator_id=data.get("mediator_id"),
        period=(date.fromisoformat(period[0]), date.fromisoformat(period[1])) if period else None,
        fields=tuple(data.get("fields", ())),
        purpose=data.get("purpose", "Referral"),
        recipient=data.get("recipient"),
        language=data.get("language", "en"),
        bilingual=bool(data.get("bilingual", False)),
        episode_id=data.get("episode_id"),
        referral_id=data.get("referral_id"),
        disclosure_id=data.get("disclosure_id"),
    )


def assignment(session: Session, assignment_id: int) -> Assignment:
    found = session.get(Assignment, assignment_id)
    if found is None:
        raise NotFoundError("assignment", assignment_id)
    return found


def _guardian_assignment(session: Session, target: Target) -> Assignment:
    if target.assignment_id is not None:
        found = assignment(session, target.assignment_id)
        if found.role is not AssignmentRole.GUARDIAN:
            raise RuleViolation(
                _("assignment {id} appoints a mediator, not a guardian").format(id=found.id)
            )
        return found
    assert target.child_id is not None
    active = sources.active_assignments(session, target.child_id, AssignmentRole.GUARDIAN)
    if not active:
        case = get_child(session, target.child_id).case_number
        raise RuleViolation(_("{case_number} has no guardian").format(case_number=case))
    return active[0]


def _mediator_assignment(session: Session, target: Target) -> Assignment:
    if target.assignment_id is not None:
        found = assignment(session, target.assignment_id)
        if found.role is AssignmentRole.MEDIATOR:
            return found
        target_child = found.child_id
    else:
        assert target.child_id is not None
        target_child = target.child_id
    active = sources.active_assignments(session, target_child, AssignmentRole.MEDIATOR)
    chosen = [a for a in active if target.mediator_id in (None, a.mediator_id)]
    if not chosen:
        case = get_child(session, target_child).case_number
        raise RuleViolation(_("{case_number} has no mediator assigned").format(case_number=case))
    return chosen[0]


def subject(title: str, child: Any) -> str:
    return f"{title}: {child.case_number} {child.given_name} {child.family_name}".strip()


def resolve(session: Session, target: Target, title: str) -> Resolved:
    """The target completed with its people and the register's subject; refused when the paper
    cannot be made. ``title``: the paper's name in English (register.TITLES)."""
    kind = target.kind
    if kind is DocumentKind.APPOINTMENT:
        a = _guardian_assignment(session, target)
        done = replace(Target(kind, a.id, a.child_id, a.guardian_id), **_language(target))
        return Resolved(
            done, subject(title, a.child), lambda head: sources.appointment(session, a, head)
        )
    if kind is DocumentKind.MEDIATOR_LETTER:
        a = _mediator_assignment(session, target)
        guardians = sources.active_assignments(session, a.child_id, AssignmentRole.GUARDIAN)
        if not guardians or guardians[0].guardian is None:
            raise RuleViolation(
                _("{case_number} has no guardian for the mediator to meet").format(
                    case_number=a.child.case_number
                )
            )
        guardian = guardians[0].guardian
        done = replace(
            Target(kind, a.id, a.child_id, guardian.id, a.mediator_id), **_language(target)
        )
        return Resolved(
            done,
            subject(title, a.child),
            lambda head: sources.mediator_letter(session, a, guardian, head),
        )
    if kind is DocumentKind.TERMINATION:
        if target.assignment_id is None:
            raise ValidationError("assignment", None, _("the ended appointment is needed"))
        ended = assignment(session, target.assignment_id)
        if ended.ends_on is None:
            raise RuleViolation(
                _("assignment {id} has not ended; end it before printing its end").format(
                    id=ended.id
                )
            )
        done = replace(
            Target(kind, ended.id, ended.child_id, ended.guardian_id, ended.mediator_id),
            **_language(target),
        )
        return Resolved(
            done,
            subject(title, ended.child),
            lambda head: sources.termination(session, ended, head),
        )
    if kind is DocumentKind.SCHEDULE:
        return _schedule(session, target, title)
    if target.child_id is None:
        if target.assignment_id is None:
            raise ValidationError("child", None, _("a child (case number) is needed"))
        found = assignment(session, target.assignment_id)
        target = replace(target, child_id=found.child_id)
    assert target.child_id is not None
    child = get_child(session, target.child_id)
    if kind is DocumentKind.SUMMARY:
        if not summaries.check_summary_fields(target.fields):
            raise ValidationError("fields", "", _("choose at least one field for the summary"))
        purpose = target.purpose.strip().capitalize() or "Referral"
        done = target
        return Resolved(
            done,
            subject(f"{title} ({purpose.lower()})", child),
            lambda head: summaries.summary(
                session, child, done.fields, done.purpose, done.recipient, head
            ),
        )
    if kind is DocumentKind.MISSING_REPORT:
        return _missing_report(session, target, child, title)
    if kind is DocumentKind.REFERRAL_LETTER:
        from guardian_desk.papers.referral_letter import resolve_letter

        return resolve_letter(session, target, child, title)
    if kind is DocumentKind.TRANSFER_SUMMARY:
        from guardian_desk.papers.transfer_summary import resolve_transfer_summary

        return resolve_transfer_summary(session, target, child, title)
    return Resolved(target, subject(title, child), lambda head: sources.card(session, child, head))


def _missing_report(session: Session, target: Target, child: Any, title: str) -> Resolved:
    """The report of the episode named, else of the child's open one (refused when the child
    is not missing)."""
    from guardian_desk.db.models import MissingEpisode
    from guardian_desk.papers.missing_report import missing_report
    from guardian_desk.services.missing import open_episode

    if target.episode_id is not None:
        episode = session.get(MissingEpisode, target.episode_id)
        if episode is None or episode.child_id != child.id:
            raise NotFoundError("missing_episode", target.episode_id)
    else:
        episode = open_episode(session, child.id)
        if episode is None:
            raise RuleViolation(
                _("{case_number} is not reported missing").format(case_number=child.case_number)
            )
    done = replace(target, episode_id=episode.id)
    return Resolved(
        done, subject(title, child), lambda head: missing_report(session, child, episode, head)
    )


def _language(target: Target) -> dict[str, Any]:
    return {"language": target.language, "bilingual": target.bilingual}


def _schedule(session: Session, target: Target, title: str) -> Resolved:
    if target.period is None:
        raise ValidationError("period", None, _("is needed for a visit schedule"))
    first, last = target.period
    if last < first:
        raise ValidationError("period", f"{first} – {last}", _("ends before it starts"))
    person: Guardian | Mediator
    if target.guardian_id is not None:
        person = get_staff(session, "guardian", target.guardian_id)
    elif target.mediator_id is not None:
        person = get_staff(session, "mediator", target.mediator_id)
    else:
        raise ValidationError("person", None, _("a guardian or a mediator is needed"))
    period = target.period
    return Resolved(
        target,
        f"{title}: {person.code} {person.full_name}, {first} – {last}",
        lambda head: sources.schedule(session, person, period, head),
    )
