"""The frozen build's desktop app (guardian-desk-gui), the same entry point pip installs."""

import sys

from ui.app import main

sys.exit(main())
