"""Helpers for ``noxfile.py``: where things are, what toolchain pieces a session needs, how each
binding is built, and how benchmark results are collected.

Kept out of the noxfile so that the noxfile reads as a list of sessions. Nothing here imports nox
at module level except through the ``session`` objects the noxfile passes in, so the pure parts
(``tools.bench``, ``tools.paths``) can also be used on their own, e.g. ``python -m tools.bench``.
"""
