"""Exchange datasets of the rounds area."""


def register() -> None:
    """Register this area's datasets with the exchange."""
