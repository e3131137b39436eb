"""Visits in the window: planning weeks, the week view and agenda, booking, calendar export."""
