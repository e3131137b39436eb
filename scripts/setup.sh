#!/usr/bin/env bash
# Set up Guardian Desk on Debian 12 and either start it or run the whole test suite.
#   scripts/setup.sh run    install everything, open the app on the default SQLite database
#   scripts/setup.sh test   install everything (with test tools), run linters and all tests
# System libraries are installed with apt-get when run as root; otherwise the exact
# apt-get line is printed and the script stops.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
if [[ "$mode" != "run" && "$mode" != "test" ]]; then
    echo "usage: scripts/setup.sh run|test" >&2
    exit 2
fi

# Qt's runtime libraries (offscreen and a real X window), and fonts for Arabic and Ethiopic.
runtime_packages=(python3 python3-venv python3-pip
    libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
    libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
    fonts-noto-core postgresql-client)
# Tests also need a virtual screen, PDF tools and a PostgreSQL server they start themselves.
test_packages=(xvfb xauth poppler-utils postgresql desktop-file-utils appstream)

packages=("${runtime_packages[@]}")
[[ "$mode" == "test" ]] && packages+=("${test_packages[@]}")

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        echo "Installing system packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "These system packages are missing. Install them, then run this again:" >&2
        echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
fi

python="${PYTHON:-python3}"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "Guardian Desk needs Python 3.11 or newer; $("$python" --version) found." >&2
    exit 1
}
if [[ ! -x .venv/bin/python ]]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip

if [[ "$mode" == "run" ]]; then
    .venv/bin/python -m pip install --quiet ".[postgres]"
    if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
        echo "No screen found (DISPLAY is not set). Start this from a desktop session," >&2
        echo "or on a server: xvfb-run -a scripts/setup.sh run" >&2
        exit 1
    fi
    exec .venv/bin/guardian-desk-gui "${@:2}"
fi

.venv/bin/python -m pip install --quiet -e ".[test,freeze]"
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "${@:2}"
