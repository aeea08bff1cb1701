"""Services: products (see services/__init__.py)."""
