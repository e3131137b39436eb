"""The frozen build's command line (guardian-desk), the same entry point pip installs."""

import multiprocessing
import sys

# Before anything else: in the frozen build, a bulk run's solver process (matching.beside)
# starts as this program with multiprocessing's arguments, and is served here.
multiprocessing.freeze_support()

from guardian_desk.cli import main  # noqa: E402

sys.exit(main())
