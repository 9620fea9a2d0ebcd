"""``python -m plainprint`` is the ``plainprint`` command."""

import sys

from plainprint.pipeline.cli import main

sys.exit(main())
