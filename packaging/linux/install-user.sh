#!/usr/bin/env bash
# Install this Guardian Desk bundle for the current user, without administrator rights:
#   ./install-user.sh            copy the bundle to ~/.local/opt/guardian-desk, link the two
#                                commands into ~/.local/bin, add the menu entry and the icon
#   ./install-user.sh --remove   take all of that away again (the officer's data stays)
# The data (database, backups, logs) lives in the user's data folder, never in the bundle.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
id=org.guardiandesk.GuardianDesk
data="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$HOME/.local/opt/guardian-desk"
bin="$HOME/.local/bin"
resources="$here/_internal/guardian_desk/resources"

remove() {
    rm -rf "$target"
    rm -f "$bin/guardian-desk" "$bin/guardian-desk-gui" \
        "$data/applications/$id.desktop" "$data/metainfo/$id.metainfo.xml" \
        "$data/icons/hicolor/scalable/apps/guardian-desk.svg"
    for size in 16 32 48 64 128 256; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/guardian-desk.png"
    done
}

if [[ "${1:-}" == "--remove" ]]; then
    remove
    echo "Guardian Desk is removed. The data folder was left as it was."
    exit 0
fi

# Qt's X11 plugin needs the system's X libraries; the bundle carries everything else.
missing=$(LD_LIBRARY_PATH="$here/_internal" ldd \
    "$here/_internal/PySide6/Qt/plugins/platforms/libqxcb.so" 2>/dev/null | grep "not found" || true)
if [[ -n "$missing" ]]; then
    echo "Some system libraries the window needs are missing:" >&2
    echo "$missing" | sed 's/^[[:space:]]*/  /' >&2
    echo "On Debian or Ubuntu, ask the administrator to run:" >&2
    echo "  sudo apt-get install -y --no-install-recommends libglib2.0-0 libgl1 libegl1" \
        "libxkbcommon0 libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" \
        "libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0" \
        "libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1" >&2
    echo "then run this installer again." >&2
    exit 1
fi
if [[ "$here" == "$target" ]]; then
    echo "This copy is already the installed one; run install-user.sh from the unpacked bundle." >&2
    exit 1
fi
remove
mkdir -p "$target" "$bin" "$data/applications" "$data/metainfo" \
    "$data/icons/hicolor/scalable/apps"
cp -a "$here/." "$target/"
ln -s "$target/guardian-desk" "$bin/guardian-desk"
ln -s "$target/guardian-desk-gui" "$bin/guardian-desk-gui"
# The menu entry starts the installed copy by its full path: ~/.local/bin may not be on PATH.
sed -e "s|^Exec=guardian-desk-gui|Exec=$target/guardian-desk-gui|" \
    -e "s|^TryExec=guardian-desk-gui|TryExec=$target/guardian-desk-gui|" \
    "$resources/desktop/$id.desktop" > "$data/applications/$id.desktop"
cp "$resources/desktop/$id.metainfo.xml" "$data/metainfo/"
cp "$resources/icons/guardian-desk.svg" "$data/icons/hicolor/scalable/apps/"
for size in 16 32 48 64 128 256; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$resources/icons/guardian-desk-$size.png" "$data/icons/hicolor/${size}x${size}/apps/guardian-desk.png"
done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "Guardian Desk is installed in $target and in the applications menu."
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "To start it from a terminal, add $bin to PATH." ;;
esac
