"""``python -m pipeline`` is the ``plainprint`` command."""

import sys

from .cli import main

sys.exit(main())
