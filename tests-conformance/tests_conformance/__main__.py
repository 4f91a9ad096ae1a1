"""``python -m tests_conformance``: see :mod:`tests_conformance.cli`."""

import sys

from tests_conformance.cli import main

sys.exit(main())
