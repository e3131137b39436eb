"""Guardian Desk core: records, rules and storage, with no user interface."""

__version__ = "0.1.0"
