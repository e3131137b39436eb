"""Every mapped table, importable from one place (Alembic's autogenerate reads Base.metadata)."""

from guardian_desk.db.base import Base
from guardian_desk.db.models.accounts import Account
from guardian_desk.db.models.attachments import AgeAssessment, Attachment
from guardian_desk.db.models.audit import AuditEvent
from guardian_desk.db.models.case_history import CaseNote, CaseNoteAmendment, Placement
from guardian_desk.db.models.casework import Assignment, Visit
from guardian_desk.db.models.children import AccompanyingAdult, Child, ChildLanguage, ChildSibling
from guardian_desk.db.models.documents import IssuedDocument
from guardian_desk.db.models.duplicates import ChildMerge, DuplicateDismissal
from guardian_desk.db.models.episodes import FollowUp, MissingEpisode, VisitHold, VisitReport
from guardian_desk.db.models.facilities import Facility, FacilityHours
from guardian_desk.db.models.protection import (
    CaseTransfer,
    Disclosure,
    Referral,
    Screening,
    ScreeningAnswer,
)
from guardian_desk.db.models.settings import OfficeSettings, OfficeText
from guardian_desk.db.models.staff import (
    Absence,
    AvailabilitySlot,
    Guardian,
    GuardianLanguage,
    Mediator,
    MediatorLanguage,
)

__all__ = [
    "Absence",
    "AccompanyingAdult",
    "Account",
    "AgeAssessment",
    "Assignment",
    "Attachment",
    "AuditEvent",
    "AvailabilitySlot",
    "Base",
    "CaseNote",
    "CaseNoteAmendment",
    "CaseTransfer",
    "Child",
    "ChildLanguage",
    "ChildMerge",
    "ChildSibling",
    "Disclosure",
    "DuplicateDismissal",
    "Facility",
    "FacilityHours",
    "FollowUp",
    "Guardian",
    "GuardianLanguage",
    "IssuedDocument",
    "Mediator",
    "MediatorLanguage",
    "MissingEpisode",
    "OfficeSettings",
    "OfficeText",
    "Placement",
    "Referral",
    "Screening",
    "ScreeningAnswer",
    "Visit",
    "VisitHold",
    "VisitReport",
]
