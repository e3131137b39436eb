"""Send to another office… and Protection ▸ Import a case bundle…: the dialogs, off the GUI
thread, from one office's database to another's; the Disclosures tab shows both ends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from guardian_desk.db.engine import session_scope
from guardian_desk.db.migrate import prepare_database
from guardian_desk.protection import bundle
from guardian_desk.services import transfers
from guardian_desk.services.attachments import add_attachment
from guardian_desk.services.children import create_child
from guardian_desk.services.disclosures import disclosures_of
from guardian_desk.services.settings import get_settings
from tests.core import factories
from tests.ui.signed import TEST_OFFICER
from ui.bridge import CoreBridge
from ui.protection.disclosures_tab import DisclosuresTab
from ui.protection.transfer_export import TransferExportDialog, summary_path
from ui.protection.transfer_import import TransferImportDialog

PASSPHRASE = "a quiet harbour at dawn"


@pytest.fixture(autouse=True)
def _cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "ARGON2", {"time_cost": 1, "memory_cost": 1024, "parallelism": 1})


@pytest.fixture
def bridge(db_url: str) -> Iterator[CoreBridge]:
    core = CoreBridge(db_url, TEST_OFFICER)
    yield core
    core.wait()
    core.shutdown()


@pytest.fixture
def other_bridge(tmp_path: Path) -> Iterator[CoreBridge]:
    url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    prepare_database(url)
    core = CoreBridge(url, TEST_OFFICER)
    yield core
    core.wait()
    core.shutdown()


def _child(factory: sessionmaker[Session]) -> tuple[int, str, int]:
    with session_scope(factory) as s:
        get_settings(s).organisation_name = "Tirana Child Protection Unit"
        child = create_child(s, factories.child(given_name="Omid", notes="private note"))
        attached = add_attachment(s, child.id, "decision.pdf", b"%PDF-1.4 decision")
        return child.id, child.case_number, attached.id


def test_send_then_import_in_another_office(
    qtbot: QtBot,
    bridge: CoreBridge,
    other_bridge: CoreBridge,
    factory: sessionmaker[Session],
    tmp_path: Path,
) -> None:
    child_id, case_number, attachment_id = _child(factory)
    dialog = TransferExportDialog(bridge, child_id, case_number)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.send_button.isEnabled(), timeout=10_000)
    identity = dialog.field_boxes["identity"]
    assert identity.isChecked() and not identity.isEnabled()
    for sensitive in ("case_notes", "notes", "screenings", "missing_episodes", "referrals"):
        assert not dialog.field_boxes[sensitive].isChecked(), sensitive
    assert dialog.field_boxes["languages"].isChecked()
    assert dialog.attachments.count() == 1
    item = dialog.attachments.item(0)
    assert item.checkState() == Qt.CheckState.Unchecked
    item.setCheckState(Qt.CheckState.Checked)

    target = tmp_path / "omid"
    dialog.choose_path = lambda default: str(target)
    dialog.recipient.setText("Belgrade Centre for Social Work")
    dialog.legal_basis.setPlainText("Art. 19 of the protocol")
    dialog.consent.setCurrentIndex(dialog.consent.findData("given"))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE + "?")
    dialog.send_button.click()
    assert "differ" in dialog.bar.text() and dialog.sent is None
    dialog.again.setText(PASSPHRASE)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: dialog.sent is not None, timeout=20_000)
    file = tmp_path / "omid.gdbundle"
    assert file.read_bytes().startswith(b"GDBUNDLE")
    assert summary_path(file).read_bytes().startswith(b"%PDF")
    assert "another channel" in dialog.bar.text()
    assert dialog.passphrase.text() == ""
    payload = transfers.read_bundle(file.read_bytes(), PASSPHRASE)
    assert set(payload["fields"]) == set(dialog.chosen_fields())
    assert "notes" not in payload["fields"]
    assert [a["file_name"] for a in payload["manifest"]["attachments"]] == ["decision.pdf"]
    with session_scope(factory) as s:
        (sent,) = disclosures_of(s, child_id)
        assert sent.recipient == "Belgrade Centre for Social Work"
        assert sent.attachment_ids == (attachment_id,)

    tab = DisclosuresTab(bridge)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_record(SimpleNamespace(id=child_id, code=case_number))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert "Belgrade Centre" in tab.model.index(0, 2).data()
    assert not tab.provenance.isVisible()

    opened: list[int] = []
    importer = TransferImportDialog(other_bridge, open_record=opened.append)
    qtbot.addWidget(importer)
    importer.show()
    importer.file.setText(str(file))
    importer.passphrase.setText(PASSPHRASE + "x")
    importer.open_button.click()
    qtbot.waitUntil(lambda: importer.open_button.isEnabled(), timeout=20_000)
    assert "passphrase is wrong" in importer.bar.text()
    assert not importer.import_button.isEnabled()

    importer.passphrase.setText(PASSPHRASE)
    importer.open_button.click()
    qtbot.waitUntil(lambda: importer.import_button.isEnabled(), timeout=20_000)
    shown = importer.view.toPlainText()
    assert "Tirana Child Protection Unit" in shown and "decision.pdf" in shown
    assert case_number in shown and "Omid" in shown
    importer.import_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert importer.imported is not None
    assert "Imported as" in importer.bar.text()

    received = DisclosuresTab(other_bridge)
    qtbot.addWidget(received)
    received.show()
    received.show_record(SimpleNamespace(id=opened[0], code=importer.imported.case_number))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: received.provenance.isVisible(), timeout=10_000)
    assert "Tirana Child Protection Unit" in received.provenance.text()
    assert case_number in received.provenance.text()

    assert importer.passphrase.text() == ""  # not kept once used
    importer.passphrase.setText(PASSPHRASE)
    importer.open_button.click()  # the same bundle again: refused before import
    qtbot.waitUntil(lambda: "imported already" in importer.bar.text(), timeout=20_000)
    assert not importer.import_button.isEnabled()
