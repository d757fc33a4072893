"""``python -m vrdndi.cli``: the ``vrdndi`` command."""

import sys

from vrdndi.cli import main

sys.exit(main())
