"""Services: linkages (see services/__init__.py)."""
