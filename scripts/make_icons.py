"""Render the app icon's SVG into the PNG sizes and the Windows .ico the app and installers use.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py

Reads resources/icons/guardian-desk.svg and writes guardian-desk-<N>.png for every size of
SIZES and guardian-desk.ico (all sizes in one file) beside it. Run it after changing the SVG
and commit the results: tests/ui/test_app_icon.py renders again and compares.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
NAME = "guardian-desk"
SIZES = (16, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn on a transparent square of ``size`` pixels."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def write_ico(images: dict[int, bytes], target: Path) -> None:
    """One .ico holding every size as drawn (Pillow would otherwise shrink the largest)."""
    from PIL import Image

    opened = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in images.items()}
    largest = max(opened)
    others = [opened[size] for size in sorted(opened) if size != largest]
    opened[largest].save(
        target,
        format="ICO",
        sizes=[(size, size) for size in sorted(opened)],
        append_images=others,
    )


def make_icons(svg: Path, out: Path) -> list[Path]:
    """Write the PNGs and the .ico of ``svg`` into ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    images: dict[int, bytes] = {}
    for size in SIZES:
        target = out / f"{NAME}-{size}.png"
        if not render(svg, size).save(str(target)):
            raise SystemExit(f"could not write {target}")
        images[size] = target.read_bytes()
        written.append(target)
    ico = out / f"{NAME}.ico"
    write_ico(images, ico)
    written.append(ico)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--svg", type=Path, default=ICONS / f"{NAME}.svg")
    parser.add_argument("--out", type=Path, default=ICONS, help="folder for the PNGs and .ico")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in make_icons(args.svg, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
