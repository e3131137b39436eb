"""Start the Guardian Desk desktop app from a source checkout: python main.py [--db URL]."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
