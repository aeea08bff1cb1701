"""Services of the funds area."""
