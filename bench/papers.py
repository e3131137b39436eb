"""How fast appointment letters render, beside plain reportlab drawing the same lines.

    .venv/bin/python bench/papers.py            # 1,000 letters each way
    .venv/bin/python bench/papers.py --count 200

"papers" is guardian_desk.papers.render_appointment: letterhead, shaping, right-to-left order,
wrapping, tables, page numbers. "plain" draws the same lines of text with canvas.drawString in
the same fonts and the same logo, with no shaping, no bidi and no layout logic: the floor that
reportlab itself sets. Each letter is a separate PDF, and every child has a different name.
Figures, not pass/fail (target: under 20 s, and within 2x of plain).
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Iterator
from datetime import date, datetime
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from guardian_desk.papers import (
    AppointmentContent,
    ChildDetails,
    Letterhead,
    PersonDetails,
    render_appointment,
)
from guardian_desk.papers.fonts import fonts_dir

GIVEN = ["محمد", "Ëlira", "ተስፋይ", "Јована", "রহিম", "Ahmad", "فاطمة", "Đorđe", "Amina", "ሳባ"]
FAMILY = ["علي", "Çela", "ገብረሂወት", "Стојановић", "উদ্দিন", "Karimi", "حسين", "Šarić", "Yusuf"]
LEGAL_BASIS = (
    "Article 11 of the Law on Foreigners and Article 130 of the Family Law: the centre for "
    "social work appoints a guardian to every unaccompanied child without delay."
)
DUTIES = (
    "Represent the child in every procedure, including the asylum procedure.",
    "Visit the child at least once a month and record each visit.",
    "Make sure the child's views are heard, in a language the child understands.",
)


def _logo() -> bytes:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (60, 30), (31, 78, 121)).save(out, "PNG")
    return out.getvalue()


LETTERHEAD = Letterhead(
    office_name="Centre for Social Work Kumanovo",
    address_lines=("Ulica Goce Delčev 12", "1300 Kumanovo, North Macedonia"),
    phone="+389 31 412 000",
    email="guardians@csr-kumanovo.example",
    logo=_logo(),
)


def letters(count: int) -> Iterator[AppointmentContent]:
    names = itertools.cycle(itertools.product(GIVEN, FAMILY, range(1000)))
    for n in range(count):
        given, family, number = next(names)
        yield AppointmentContent(
            reference=f"GD/2025/{n:05d}",
            issued_on=date(2025, 3, 14),
            officer_name="Marija Petrovska",
            officer_title="Child protection officer",
            child=ChildDetails(
                name=f"{given} {family}",
                case_number=f"KU-2025-{n:05d}",
                date_of_birth=date(2009, 5, 1 + n % 28),
                nationality="Afghanistan",
                languages=("Dari", "Pashto"),
                facility="Reception centre Tabanovce",
            ),
            guardian=PersonDetails(f"{FAMILY[number % len(FAMILY)]} {GIVEN[n % 10]}", "+389 70"),
            legal_basis=LEGAL_BASIS,
            duties=DUTIES,
            first_visit=datetime(2025, 3, 18, 10, 30),
        )


# Plain reportlab: the same text, line by line, in the same fonts.
_PLAIN_FONTS = {
    "sans": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "arabic": "NotoNaskhArabic-Regular.ttf",
    "ethiopic": "NotoSansEthiopic-Regular.ttf",
    "bengali": "NotoSansBengali-Regular.ttf",
}


def _register_plain() -> None:
    for name, file_name in _PLAIN_FONTS.items():
        pdfmetrics.registerFont(TTFont(f"plain-{name}", str(fonts_dir() / file_name)))


def _plain_font(text: str) -> str:
    for char in text:
        code = ord(char)
        if 0x0600 <= code <= 0x06FF:
            return "plain-arabic"
        if 0x1200 <= code <= 0x139F:
            return "plain-ethiopic"
        if 0x0980 <= code <= 0x09FF:
            return "plain-bengali"
    return "plain-sans"


def _plain_lines(content: AppointmentContent) -> list[tuple[str, float, str]]:
    """(font, size, text) for every line the letter prints."""
    child, guardian = content.child, content.guardian
    width = A4[0] - 40 * mm
    lines = [("plain-bold", 14.0, LETTERHEAD.office_name)]
    lines += [("plain-sans", 9.0, line) for line in LETTERHEAD.address_lines]
    lines.append(("plain-sans", 9.0, f"Phone {LETTERHEAD.phone}   ·   {LETTERHEAD.email}"))
    lines.append(("plain-sans", 10.0, f"Reference: {content.reference}"))
    lines.append(("plain-sans", 10.0, "Date: 14 March 2025"))
    lines.append(("plain-bold", 16.0, "Appointment of a guardian"))
    sentence = (
        f"{LETTERHEAD.office_name} appoints {guardian.name} as the guardian of {child.name} "
        f"(case number {child.case_number})."
    )
    lines += [("plain-sans", 10.0, t) for t in simpleSplit(sentence, "plain-sans", 10, width)]
    lines.append(("plain-bold", 11.0, "Legal basis"))
    lines += [("plain-sans", 10.0, t) for t in simpleSplit(LEGAL_BASIS, "plain-sans", 10, width)]
    fields = [
        ("Name", child.name),
        ("Case number", child.case_number),
        ("Date of birth", "1 May 2009 (estimated)"),
        ("Nationality", child.nationality or ""),
        ("Languages", "Dari, Pashto"),
        ("Lives at", child.facility or ""),
        ("Name", guardian.name),
        ("Phone", guardian.phone or ""),
    ]
    for label, value in fields:
        lines += [("plain-sans", 9.0, label), (_plain_font(value), 10.0, value)]
    lines.append(("plain-bold", 11.0, "Duties of the guardian"))
    lines += [("plain-sans", 10.0, f"•  {duty}") for duty in DUTIES]
    lines += [("plain-bold", 11.0, "First visit")]
    lines += [("plain-sans", 10.0, "The guardian first visits the child on 18 March 2025, 10:30.")]
    lines += [("plain-bold", 9.0, "For the office"), ("plain-sans", 9.0, content.officer_name)]
    lines += [("plain-sans", 9.0, content.officer_title or "")]
    lines += [("plain-bold", 9.0, "Guardian: I accept this appointment")]
    lines += [(_plain_font(guardian.name), 9.0, guardian.name)]
    lines += [
        ("plain-sans", 8.0, f"Reference {content.reference}"),
        ("plain-sans", 8.0, "Page 1 of 1"),
    ]
    return lines


def render_plain(content: AppointmentContent, logo: ImageReader) -> bytes:
    out = BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True)
    canvas.drawImage(logo, 20 * mm, A4[1] - 38 * mm, 36 * mm, 18 * mm, mask="auto")
    y = A4[1] - 25 * mm
    for font, size, text in _plain_lines(content):
        canvas.setFont(font, size)
        canvas.drawString(60 * mm, y, text)
        y -= size * 1.4
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10, help="alternate the two this often")
    args = parser.parse_args()
    contents = list(letters(args.count))
    _register_plain()
    logo = ImageReader(BytesIO(LETTERHEAD.logo or b""))
    render_appointment(contents[0], LETTERHEAD)  # fonts registered, as in a running app
    render_plain(contents[0], logo)

    # Alternate in rounds so that a busy machine slows both alike.
    wall = {"papers": 0.0, "plain": 0.0}
    cpu = {"papers": 0.0, "plain": 0.0}
    size = {"papers": 0, "plain": 0}
    step = max(1, len(contents) // args.rounds)
    for start in range(0, len(contents), step):
        batch = contents[start : start + step]
        for name, render in (
            ("papers", lambda c: render_appointment(c, LETTERHEAD)),
            ("plain", lambda c: render_plain(c, logo)),
        ):
            began, began_cpu = time.perf_counter(), time.process_time()
            size[name] += sum(len(render(content)) for content in batch)
            wall[name] += time.perf_counter() - began
            cpu[name] += time.process_time() - began_cpu

    count = len(contents)
    print(f"letters: {count}, each its own PDF")
    for name, label in (("papers", "guardian_desk.papers"), ("plain", "plain reportlab")):
        kib = size[name] / count / 1024
        print(f"{label:22} {wall[name]:6.2f} s wall  {cpu[name]:6.2f} s cpu  ({kib:.0f} KiB each)")
    wall_ratio, cpu_ratio = wall["papers"] / wall["plain"], cpu["papers"] / cpu["plain"]
    print(f"{'ratio':22} {wall_ratio:6.2f}x wall {cpu_ratio:6.2f}x cpu")


if __name__ == "__main__":
    main()
