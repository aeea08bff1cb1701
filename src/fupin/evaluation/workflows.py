"""The round workflow on the platform engine (rounds)."""
