"""The account the window and dialog tests act for (already signed in)."""

from __future__ import annotations

from guardian_desk.security.roles import Role, SignedIn

TEST_OFFICER = SignedIn(
    "test-officer", "Test Officer", Role.ADMINISTRATOR, "Child protection officer"
)
