"""A realistic, seeded, synthetic office for demonstrations, tests and benchmarks.

    data = generate(DemoSizes(children=300), seed=2026)   # records only, no database
    counts = load_demo(session, DemoSizes())              # through the services, audited

Every person in it is invented: names are drawn from tables of common names of each community
(names_*.py), phone numbers are valid but random, e-mail domains end in the reserved
``.example``, organisations are made up.
"""

from guardian_desk.demo.generate import DemoData, DemoSizes, generate
from guardian_desk.demo.load import DemoCancelled, PlannedAssignment, load_demo, plan_assignments
from guardian_desk.demo.places import SUPPORTED_COUNTRIES

__all__ = [
    "SUPPORTED_COUNTRIES",
    "DemoCancelled",
    "DemoData",
    "DemoSizes",
    "PlannedAssignment",
    "generate",
    "load_demo",
    "plan_assignments",
]
