"""The frozen build's command line (guardian-desk), the same entry point pip installs."""

import sys

from guardian_desk.cli import main

sys.exit(main())
