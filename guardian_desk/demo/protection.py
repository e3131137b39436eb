"""The demo office's protection work: screenings at first contact, decisions, referrals and the
checks of accompanying adults, so that the early-warning list, the Protection tab and the
coordinator's figures show what an office's look like (docs/protection.md).

Written through the services (every row audited, every rule met). Deterministic for a seed.
Most children are screened within a few days of identification and show nothing; about one in
twelve shows indicators of recruitment and exploitation (deceit about work, a smuggler's debt,
work or begging on the route), and most of those are referred to the national referral
mechanism. A few are left unscreened or unreferred, as in a real office, so that the warnings
have something to say.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardian_desk.db.models import AccompanyingAdult, Child
from guardian_desk.services.adults import record_adult_check
from guardian_desk.services.children import CLOSED_STATUSES
from guardian_desk.services.referrals import ReferralInput, create_referral, update_status
from guardian_desk.services.screenings import ScreeningInput, record_decision, record_screening
from guardian_desk.services.settings import get_settings

# Answers that show nothing: a few indicators asked, none present.
QUIET = {"cl-dr-01": "not_observed", "cl-cr-02": "not_observed", "cl-ex-01": "not_observed"}
# Patterns seen on the Balkan route (each meets the rule for a child: recruitment + exploitation).
POSITIVE: tuple[dict[str, str], ...] = (
    {
        "cl-dr-01": "reported_by_child",
        "cl-dr-08": "reported_by_child",
        "office-smuggler-debt": "reported_by_child",
        "cl-ex-01": "observed",
        "office-work-en-route": "reported_by_others",
    },
    {
        "cl-cr-02": "reported_by_child",
        "office-documents-held": "observed",
        "office-crime": "reported_by_others",
        "cl-ex-02": "reported_by_child",
    },
    {
        "cl-rv-01": "reported_by_child",
        "cl-rv-06": "reported_by_child",
        "cl-rv-13": "observed",
        "office-work-en-route": "observed",
        "cl-ex-01": "reported_by_child",
    },
)
# One element only: worth a note and a second look, not a flag.
PARTIAL = {"cl-dr-03": "reported_by_child", "office-smuggler-debt": "reported_by_child"}
NRM = "Office of the National Anti-Trafficking Coordinator"
LEGAL_BASIS = "Law on the rights and protection of the child; national referral mechanism SOPs"

Step = Callable[[], None]


@dataclass
class ProtectionCounts:
    screenings: int = 0
    referrals: int = 0
    adult_checks: int = 0


def load_protection(
    session: Session, child_ids: Sequence[int], *, today: date, seed: int, step: Step
) -> ProtectionCounts:
    """Screen, decide, refer and check adults for the demo's open cases (``step`` per child)."""
    rng = random.Random(f"{seed}-protection")
    zone = ZoneInfo(get_settings(session).time_zone)
    now = datetime.now(UTC) - timedelta(minutes=1)
    counts = ProtectionCounts()
    every = get_settings(session).rescreen_after_days
    flagged = 0
    children = session.scalars(
        select(Child).where(Child.id.in_(child_ids)).order_by(Child.identified_on, Child.id)
    ).all()
    for child in children:
        step()
        if child.status in CLOSED_STATUSES or rng.random() < 0.06:
            continue  # closed, or not screened yet: the early-warning list shows it
        first = max(d for d in (child.identified_on, child.arrived_on) if d is not None)
        day = min(first + timedelta(days=rng.choice((0, 0, 1, 2, 3))), today)
        moment = datetime.combine(day, time(9 + rng.randrange(8)), zone).astimezone(UTC)
        if moment > now:
            continue
        roll = rng.random()
        answers = rng.choice(POSITIVE) if roll < 0.08 else PARTIAL if roll < 0.16 else QUIET
        info = record_screening(
            session,
            ScreeningInput(
                child_id=child.id,
                screened_at=moment,
                language=child.languages[0].code if child.languages else "",
                answers=answers,
            ),
        )
        counts.screenings += 1
        if info.flagged:
            decision = "presumed_victim" if rng.random() < 0.5 else "refer"
            record_decision(session, info.screening_id, info.version, decision, "")
            flagged += 1
            if flagged % 4:  # every fourth waits: "positive, not referred"
                counts.referrals += _refer(session, child, info.screening_id, day, today, rng)
        elif info.positive_elements:
            record_decision(session, info.screening_id, info.version, "monitor", "")
        else:
            record_decision(session, info.screening_id, info.version, "no_indication", "")
        counts.adult_checks += _check_adults(session, child.id, day, today, rng)
        counts.screenings += _screen_again(session, child.id, day, every, today, now, zone, rng)
    return counts


def _screen_again(
    session: Session,
    child_id: int,
    first: date,
    every: int,
    today: date,
    now: datetime,
    zone: ZoneInfo,
    rng: random.Random,
) -> int:
    """The scheduled re-screenings (every ``every`` days from the first), most of them on time."""
    done = 0
    due = first + timedelta(days=every)
    while due <= today:
        if rng.random() < 0.93:  # the rest are overdue: "re-screening due"
            day = min(due + timedelta(days=rng.randrange(7)), today)
            moment = datetime.combine(day, time(9 + rng.randrange(8)), zone).astimezone(UTC)
            if moment <= now:
                info = record_screening(
                    session,
                    ScreeningInput(
                        child_id=child_id, screened_at=moment, occasion="periodic", answers=QUIET
                    ),
                )
                record_decision(session, info.screening_id, info.version, "no_indication", "")
                done += 1
        due += timedelta(days=every)
    return done


def _refer(
    session: Session, child: Child, screening_id: int, day: date, today: date, rng: random.Random
) -> int:
    sent = min(day + timedelta(days=rng.choice((0, 1, 2, 5))), today)
    referral = create_referral(
        session,
        ReferralInput(
            child_id=child.id,
            recipient_kind="nrm",
            recipient_name=NRM,
            sent_on=sent,
            legal_basis=get_settings(session).legal_basis or LEGAL_BASIS,
            reason="Indicators of trafficking at first contact",
            child_consent="given",
            guardian_consent=rng.choice(("given", "not_asked")),
            screening_id=screening_id,
        ),
    )
    answered = sent + timedelta(days=rng.choice((3, 7, 12)))
    if answered <= today:
        status = rng.choice(("acknowledged", "accepted", "accepted"))
        update_status(session, referral.referral_id, referral.version, status, answered)
    return 1


def _check_adults(
    session: Session, child_id: int, day: date, today: date, rng: random.Random
) -> int:
    adults = session.scalars(
        select(AccompanyingAdult).where(AccompanyingAdult.child_id == child_id)
    ).all()
    done = 0
    for adult in adults:
        if adult.verified:  # the generated record says so: the documents showed it
            method, outcome = rng.choice((("documents", "confirmed"), ("interview", "confirmed")))
        elif rng.random() < 0.5:
            continue  # not checked yet: an unverified adult is a warning
        else:
            method, outcome = rng.choice(
                (("consistency", "not_confirmed"), ("interview", "contradicted"))
            )
        checked = min(day + timedelta(days=rng.choice((0, 1, 4))), today)
        record_adult_check(session, adult.id, method=method, outcome=outcome, checked_on=checked)
        done += 1
    return done
