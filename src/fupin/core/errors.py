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


def http_status(exc: BaseException) -> int | None:
    """The HTTP status a domain error answers with, the same for screens and the API:
    not found 404, forbidden 403, validation and policy errors 400, conflict 409."""
    # The engine's policy errors are validation errors of the request that named the pack.
    from fupin_engine.policy.loader import PolicyError

    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, (ValidationFailed, PolicyError)):
        return 400
    if isinstance(exc, Conflict):
        return 409
    return None
