import sys

from guardian_desk.i18n.tool import main

sys.exit(main())
