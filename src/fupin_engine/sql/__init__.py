"""Rule expressions: parse, validate and compile with sqlglot into one set-based query."""
