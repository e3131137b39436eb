"""The matching panel: propose a guardian (and a mediator) for one child and appoint them."""

from ui.matching.panel import MatchingPanel

__all__ = ["MatchingPanel"]
