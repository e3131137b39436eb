"""Closed lists of values stored as plain strings, and the limits that go with them.

The tables hold them in CHECK constraints (guardian_desk/db/models), the services refuse
anything else, and the forms offer exactly these: all three read them from here, so that the
interface needs nothing from the database models. What a person reads for each value lives
beside its service (guardian_desk/protection/words.py, guardian_desk/services/age.py).
"""

from __future__ import annotations

# Where a referral goes, the consents asked before it leaves, and how it is answered.
RECIPIENTS = ("nrm", "police", "prosecutor", "shelter", "health", "legal_aid", "asylum", "other")
CONSENTS = ("given", "refused", "not_asked", "not_required")
REFERRAL_STATUSES = ("sent", "acknowledged", "accepted", "declined", "closed")

# How a child's age was assessed, and the oldest age an assessment may give.
ASSESSMENT_METHODS = ("documents", "interview", "medical", "other")
MAX_ASSESSED_AGE = 30

# The texts an office writes for its papers, per language (services/office_texts.py).
TEXT_KINDS = ("legal_basis", "duties", "closing", "signatory_title")
