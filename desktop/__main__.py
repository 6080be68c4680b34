"""``python -m desktop``: the same entry point as the ``research-notes`` command."""

import sys

from desktop.app import main

sys.exit(main())
