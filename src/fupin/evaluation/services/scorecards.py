"""Services of the scorecards area."""
