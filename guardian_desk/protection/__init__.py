"""Identification and protection of children at risk of trafficking (issue 14)."""
