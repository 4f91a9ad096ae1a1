"""``python -m superconfig``: the ``superconfig`` command."""

from superconfig.cli import main

if __name__ == "__main__":
    main()
