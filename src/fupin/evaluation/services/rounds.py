"""Services of the rounds area."""
