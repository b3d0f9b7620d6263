"""Operations commands (query, serve, browse, report), registered on the main ``etl`` app."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the operations commands to ``app``."""
