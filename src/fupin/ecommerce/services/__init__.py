"""Writes of the e-commerce app, one module per area (``programme``, ``products``,
``linkages``); every write is audited (ADR 0005)."""
