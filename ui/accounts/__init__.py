"""Signing in: the first-start office set-up, the sign-in and lock pages, accounts."""
