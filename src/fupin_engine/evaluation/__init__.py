"""Evaluation (issue 13): indicator systems as versioned data, their scoring arithmetic and the
stability of a ranking. No Django: the product calls it; see docs/formats/indicator-system.md."""
