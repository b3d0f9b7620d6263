"""Alembic migration history (``etl db upgrade`` runs it)."""
