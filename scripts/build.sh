#!/usr/bin/env bash
# Build the frozen one-folder bundle for this platform (Linux here; Windows: docs/development.md).
#   scripts/build.sh [DIST]     DIST defaults to dist/; the bundle is DIST/guardian-desk/
# Needs the project's venv (scripts/setup.sh test, or: python3 -m venv .venv) and installs the
# build tools into it. Prints the bundle's size when done.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="$(realpath -m "${1:-dist}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ ! -x .venv/bin/python ]]; then
    "${PYTHON:-python3}" -m venv .venv
fi
.venv/bin/python -m pip install --quiet -e ".[postgres,freeze]"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" packaging/guardian-desk.spec
# The per-user installer goes beside the two programs (PyInstaller puts data in _internal/).
install -m 755 packaging/linux/install-user.sh "$dist/guardian-desk/install-user.sh"
echo "Bundle: $dist/guardian-desk ($(du -sh "$dist/guardian-desk" | cut -f1))"
