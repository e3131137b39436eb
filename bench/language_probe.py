"""One measured start to the sign-in page (run by bench/languages.py; prints one JSON line).

Runs against whichever source tree it is started from (the current one or an older commit's
worktree), so the same probe measures before and after translation landed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

LAUNCHED_AT = float(os.environ["GD_LAUNCHED_AT"])
sys.path.insert(0, os.environ.get("GD_SOURCE", str(Path(__file__).resolve().parent.parent)))

from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main() -> int:
    database, language = sys.argv[1], sys.argv[2]
    QCoreApplication.setOrganizationName("GuardianDeskBench")
    app = QApplication(sys.argv[:1])
    try:
        from ui.translation import start_language
    except ImportError:  # a tree from before translation
        pass
    else:
        start_language(language)
    from ui.main_window import MainWindow

    window = MainWindow(f"sqlite:///{database}")
    window.show()
    page = window.gate.sign_in_page

    def poll() -> None:
        if window.stack.currentWidget() is page:
            app.processEvents()
            print(json.dumps({"sign_in_s": time.time() - LAUNCHED_AT}))
            window.close()
            app.quit()
        else:
            QTimer.singleShot(2, poll)

    poll()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
