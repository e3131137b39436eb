"""Packaging hook: ship the top-level resources/ and migrations/ folders inside the package.

The source tree keeps them at the top level (the project's layout); a wheel, a per-user install
and a frozen build carry them as ``guardian_desk/resources`` and ``guardian_desk/migrations``, where
``importlib.resources.files("guardian_desk")`` finds them (guardian_desk/paths.py). setup.cfg holds
everything else; only the folder mapping needs code, since setup.cfg's ``find:`` cannot add them.
"""

from setuptools import find_packages, setup

BUNDLED = {"guardian_desk.resources": "resources", "guardian_desk.migrations": "migrations"}

setup(
    packages=[*find_packages(include=["guardian_desk", "guardian_desk.*", "ui", "ui.*"]), *BUNDLED],
    package_dir=BUNDLED,
    package_data={
        "guardian_desk.resources": ["**/*"],
        "guardian_desk.migrations": ["env.py", "script.py.mako", "README", "versions/*.py"],
    },
)
