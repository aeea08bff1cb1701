"""Services: programme (see services/__init__.py)."""
