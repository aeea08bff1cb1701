"""Exchange datasets of the funds area."""


def register() -> None:
    """Register this area's datasets with the exchange."""
