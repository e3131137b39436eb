"""`python -m guardian_desk [--db URL]`: start the desktop app (the command line: `guardian-desk`).

The one module of the package that reaches the interface: an entry point, not part of the core,
which never imports Qt (tests/core/test_architecture.py allows this file by name).
"""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
