"""Integrity analytics: statistical leads that reported data were shaped, not measured.

Bunching at a line (``bunching``), round-number, terminal-digit and first-digit tests
(``digits``) and process anomalies (``process``). Every function here is pure or reads a
snapshot through DuckDB; none knows Django. The product turns the signals into findings.
Formulas, references and error rates: ``docs/integrity.md``.
"""
