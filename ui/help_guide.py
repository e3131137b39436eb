"""The short user guide that Help ▸ User guide (F1) shows, built from translatable paragraphs.

Each paragraph is one translatable sentence or two; the menu entries, buttons and tabs it names
are the very texts of the app's menus (MENU_PATHS, BUTTONS), translated by the same catalogue
entries, so the guide names what the officer sees in every language. tests/ui/test_help.py
checks that each of them still exists in the window.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


# Menu entries the guide names: the menu's text, then the entry's, exactly as the menus write
# them (the catalogue's entries for those texts translate them).
MENU_PATHS: dict[str, tuple[str, ...]] = {
    "open": ("&File", "&Open database…"),
    "import": ("&File", "&Import from CSV…"),
    "settings": ("&File", "&Settings…"),
    "lock": ("&File", "&Lock"),
    "sign_out": ("&File", "Sign &out…"),
    "accounts": ("&File", "&Accounts…"),
    "new": ("&Records", "&New record"),
    "find": ("&Records", "&Find"),
    "match_all": ("&Records", "&Match all waiting children…"),
    "duplicates": ("&Records", "Possible &duplicates…"),
    "plan": ("&Visits", "&Plan visits…"),
    "book": ("&Visits", "&Book a mediator…"),
    "calendars": ("&Visits", "&Export calendars…"),
    "print": ("&Print",),
    "register": ("&Print", "Papers &register…"),
    "reprint": ("&Print", "&Reprint by reference…"),
    "warnings": ("&Protection", "&Early warnings…"),
    "bundle": ("&Protection", "&Import a case bundle…"),
    "figures": ("&Protection", "Coordinator's &figures…"),
    "guide": ("&Help", "&User guide"),
    "about": ("&Help", "&About Guardian Desk"),
}
# Buttons and tabs of a child's record the guide names, as the record writes them.
BUTTONS: dict[str, str] = {
    "find_guardian": "Find a guardian…",
    "appoint": "Appoint…",
    "close_case": "Close case…",
    "new_screening": "&New screening…",
    "decision": "Record &decision…",
    "new_referral": "&New referral…",
    "send": "Send to another office…",
}
TABS: dict[str, str] = {
    "protection": "Protection",
    "referrals": "Referrals",
    "disclosures": "Disclosures",
}
# The sidebar's sections, as the window names them.
SECTION_NAMES: dict[str, str] = {
    "home": "Home",
    "children": "Children",
    "guardians": "Guardians",
    "mediators": "Mediators",
    "facilities": "Facilities",
    "visits": "Visits",
}


def plain(text: str) -> str:
    """A menu or button text without its mnemonic: "Sign &out…" reads "Sign out…"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_path(name: str) -> str:
    """A menu entry's path in the interface language: "File ▸ Settings…"."""
    return " ▸ ".join(plain(tr(part)) for part in MENU_PATHS[name])


def names() -> dict[str, str]:
    """Every menu path, button, tab and section a paragraph may name, translated."""
    found = {f"menu_{name}": menu_path(name) for name in MENU_PATHS}
    found.update({f"button_{name}": plain(tr(text)) for name, text in BUTTONS.items()})
    found.update({f"tab_{name}": plain(tr(text)) for name, text in TABS.items()})
    found.update({f"section_{name}": tr(text) for name, text in SECTION_NAMES.items()})
    return found


def paragraph(text: str, named: dict[str, str]) -> str:
    """One translated paragraph as HTML: the text escaped, the names it uses in bold."""
    bold = {key: f"<b>{html.escape(value)}</b>" for key, value in named.items()}
    return "<p>" + html.escape(text, quote=False).format(**bold) + "</p>"


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    paragraphs: tuple[str, ...]  # HTML, each one <p>


def sections() -> list[Section]:
    """The guide's sections in reading order, in the interface language."""
    n = names()

    def section(anchor: str, title: str, *texts: str) -> Section:
        return Section(anchor, title, tuple(paragraph(text, n) for text in texts))

    return [
        section(
            "about",
            tr("What Guardian Desk does"),
            tr(
                "Guardian Desk keeps an office's cases of unaccompanied migrant children: the "
                "children, their guardians, the cultural mediators who interpret for them and the "
                "facilities where they live. It proposes the guardian who fits each child best, "
                "plans visits, prints the office's papers and keeps a trail of every change."
            ),
            tr(
                "The sections on the left open the lists: {section_home} shows what needs "
                "attention today; {section_children}, {section_guardians}, {section_mediators} "
                "and {section_facilities} are the registries; {section_visits} shows the week's "
                "visits. Double-click a row to open its record."
            ),
        ),
        section(
            "start",
            tr("First start and signing in"),
            tr(
                "The first time Guardian Desk opens a new database, it asks you to set up the "
                "office (its name, country, time zone and language) and the administrator's "
                "account. The administrator then opens {menu_accounts} to give each officer an "
                "account of their own."
            ),
            tr(
                "Each time the app starts, sign in with your user name and password. "
                "{menu_lock} (Ctrl+L) hides everything until you type your password again, and "
                "the app locks itself after a few idle minutes. {menu_sign_out} ends your "
                "session."
            ),
            tr(
                "An empty office offers three ways to begin: explore with demo data, import your "
                "lists from CSV files ({menu_import}), or register the first records by hand. "
                "{menu_open} opens another database, and {menu_settings} holds the office's "
                "settings and the language of the interface."
            ),
        ),
        section(
            "register",
            tr("Registering a child"),
            tr(
                "Choose {section_children} on the left, then {menu_new} (Ctrl+N). Type the names "
                "as the child gives them, and in the child's own script when you can; mark an "
                "estimated date of birth as estimated. Save with Ctrl+S: the case number is "
                "given automatically."
            ),
            tr(
                "Before a new child is saved, Guardian Desk looks for records that may be the "
                "same child and shows them: open the existing record, or save anyway. "
                "{menu_duplicates} lists the office's likely pairs, to merge or to mark as "
                "different children."
            ),
            tr(
                "{menu_find} (Ctrl+F) searches the list shown; a Cyrillic name is found with "
                "Latin letters too, and an Arabic-script name whichever form of its letters was "
                "typed. The tabs of a child's record follow "
                "the case: placements, notes, the timeline, attachments, age assessments and "
                "missing episodes. When the case ends, {button_close_case} lists the appointments "
                "that end and the visits that are cancelled before it closes the case."
            ),
        ),
        section(
            "matching",
            tr("Finding a guardian"),
            tr(
                "In a child's record, {button_find_guardian} lists the guardians who can take the "
                "child, best first, with the reasons behind each score and why the others "
                "cannot; a cultural mediator is proposed when the guardian and the child share "
                "no language. {button_appoint} records the appointment and offers its decision "
                "for printing."
            ),
            tr(
                "{menu_match_all} proposes a guardian for every waiting child at once, keeping "
                "siblings together. Review the plan, then accept it."
            ),
        ),
        section(
            "visits",
            tr("Visits and calendars"),
            tr(
                "{menu_plan} proposes visit times that suit the facility, the guardian and the "
                "mediator, avoiding public holidays and absences; {menu_book} books a mediator "
                "for a visit."
            ),
            tr(
                "{section_visits} on the left shows the week. Click a visit to move or cancel "
                "it, or to record it as held or missed; a held visit asks for its report."
            ),
            tr(
                "{menu_calendars} writes the visits to calendar files that Outlook, Thunderbird "
                "or a phone can import."
            ),
        ),
        section(
            "papers",
            tr("Papers"),
            tr(
                "The {menu_print} menu issues the office's papers: appointment decisions, "
                "mediator letters, visit schedules, case summaries and children's cards. Each "
                "paper gets a reference in {menu_register}, and {menu_reprint} prints it again "
                "marked COPY."
            ),
            tr(
                "Papers print in the language you choose, or in two languages with English. The "
                "letterhead and the office's legal texts are written in {menu_settings}."
            ),
        ),
        section(
            "protection",
            tr("Protection work: screening, referral, transfer"),
            tr(
                "Screening: the {tab_protection} tab of a child's record keeps the trafficking "
                "screenings. {button_new_screening} opens the indicators; its result is a flag, "
                "not a decision: {button_decision} records yours. The checks of the adults who "
                "came with the child are recorded there too."
            ),
            tr(
                "Referral: {button_new_referral} in the {tab_referrals} tab refers the child to a "
                "service, with the legal basis and the child's consent. Update its status as the "
                "service answers, and print the letter with only the details the service needs."
            ),
            tr(
                "Transfer: when a child moves to another office, {button_send} in the "
                "{tab_disclosures} tab writes an encrypted case bundle. Give its passphrase by "
                "another way (by phone or in person): the other office opens the bundle in "
                "{menu_bundle} and types the passphrase. Every piece of a case that leaves the "
                "office is listed under {tab_disclosures}."
            ),
            tr(
                "{menu_warnings} lists the children who are not screened yet, are due to be "
                "screened again, were flagged and not referred, or came with an adult not yet "
                "verified; {menu_figures} gives the coordinator anonymised counts."
            ),
        ),
        section(
            "backups",
            tr("Backups"),
            tr(
                "Each day, the first time the app opens the office's database on this computer, "
                "it saves a copy in the backups folder and keeps the 20 newest. The status bar "
                "says when today's backup is saved, and in red when it could not be written."
            ),
            tr(
                "Copy the backups folder regularly to a safe place outside this computer, such "
                "as an encrypted USB drive or the office's server. {menu_about} shows where the "
                "data folder and the backups folder are."
            ),
            tr(
                "Only the administrator restores a backup, with the command line (guardian-desk "
                "db restore); the data it replaces is backed up first. An office that shares a "
                "database server is backed up by the server's administrator."
            ),
        ),
        section(
            "help",
            tr("Where to get help"),
            tr(
                "Press F1 at any time to open this guide ({menu_guide}). Your office's "
                "administrator manages the accounts, the settings and the backups: ask them "
                "first."
            ),
            tr(
                "When something goes wrong, tell whoever installed Guardian Desk for your office "
                "what you did and what the app said, with the version shown in {menu_about}, "
                "but never a child's personal details."
            ),
        ),
    ]


def guide_html(parts: list[Section] | None = None) -> str:
    """The whole guide as one HTML document: each section a heading with an anchor."""
    body = []
    for part in parts if parts is not None else sections():
        body.append(f'<h2><a name="{part.anchor}"></a>{html.escape(part.title)}</h2>')
        body.extend(part.paragraphs)
    return "<html><body>" + "\n".join(body) + "</body></html>"
