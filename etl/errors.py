"""The exception hierarchy. Every error the library raises on purpose is an ``EtlError``.

Each subclass carries the fields an operator needs and a ``hint`` saying what to do; ``str(err)``
is a single line fit for a terminal or a log.
"""

from __future__ import annotations


class EtlError(Exception):
    """Root of all deliberate errors; the CLI prints ``str(err)`` and exits non-zero."""

    hint: str = ""
    #: transient errors (a database that is not answering) are worth retrying; terminal ones are not
    transient: bool = False

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class SourceError(EtlError):
    """A source file or record that cannot be read as an article."""

    hint = "fix or remove the file; the rest of the run is unaffected"

    def __init__(self, source_uri: str, reason: str) -> None:
        self.source_uri = source_uri
        self.reason = reason
        super().__init__(f"{source_uri}: {reason}")

    def __str__(self) -> str:  # one line: file and reason
        return self.message


class ConfigError(EtlError):
    """A bad setting or command-line value."""

    hint = "check the option or the ETL_* environment variable"


class DatabaseError(EtlError):
    """The database cannot be used (bad URL, unreachable, read-only, schema mismatch)."""

    hint = "check --db / ETL_DATABASE_URL and that the server is running"
    #: the database itself is unusable (connection lost, read-only, disk full): stop the run rather
    #: than fail every remaining article; False for an error that concerns one article's data
    fatal: bool = True

    def __init__(self, url: str, reason: str, *, transient: bool = False, hint: str | None = None,
                 fatal: bool = True) -> None:
        self.url = url  # already masked by the caller
        self.reason = reason
        self.transient = transient
        self.fatal = fatal
        super().__init__(f"database {url}: {reason}", hint=hint)


class SchemaError(DatabaseError):
    """The database schema is not the one this code expects."""


class ModelError(EtlError):
    """The NER model file is missing or unreadable."""

    hint = "reinstall the package or train one with `etl ner train`"
