"""SuperConfig conformance suite: case files, their schema, and the runner that holds every binding
to the same behaviour contract (``docs/behaviour.md``).

The public entry points are :func:`tests_conformance.cli.main` (``python -m tests_conformance``) and
:class:`tests_conformance.runner.Session` (used by the pytest integration).
"""

__version__ = "0.1.0"
