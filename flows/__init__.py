"""Prefect flows: thin wrappers that wire ``etl.*`` functions into tasks.

Importing this package applies the project's Prefect defaults (offline, quiet, a start-up timeout that
suits a 2-core machine) unless the user has set them: ``etl`` works the same from any directory. The
same settings are in ``prefect.toml`` for ``prefect`` commands run from the repository.
"""

from __future__ import annotations

import os

PREFECT_DEFAULTS = {
    # no telemetry: the machine may have no network, and the failure would be logged as an error
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # a fresh ephemeral server takes 17-25 s to start on 2 cores; Prefect's default gives it 20 s
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "240",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
}

# Background services only matter for a long-running server; the throwaway server that `etl run`
# starts when no PREFECT_API_URL is set does not need them and they cost CPU on a small machine.
EPHEMERAL_SERVER_DEFAULTS = {
    f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false"
    for name in ("CANCELLATION_CLEANUP", "FOREMAN", "LATE_RUNS", "PAUSE_EXPIRATIONS", "REPOSSESSOR",
                 "SCHEDULER", "TRIGGERS", "EVENT_PERSISTER", "DB_VACUUM")
}


def apply_prefect_defaults() -> None:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    if not os.environ.get("PREFECT_API_URL"):
        for key, value in EPHEMERAL_SERVER_DEFAULTS.items():
            os.environ.setdefault(key, value)


apply_prefect_defaults()
