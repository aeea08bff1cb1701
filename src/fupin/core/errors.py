"""Typed domain errors. Views and the API turn them into HTTP answers in one place each."""


class DomainError(Exception):
    """A request the domain refuses; the message says what to do next."""


class NotFound(DomainError):
    """The object does not exist *or* lies outside the user's region (never say which)."""


class Forbidden(DomainError):
    """The user lacks the permission for the action."""


class ValidationFailed(DomainError):
    """Input breaks a rule; ``errors`` maps field names to messages."""

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


class Conflict(DomainError):
    """The object changed under the user (another person acted first)."""
