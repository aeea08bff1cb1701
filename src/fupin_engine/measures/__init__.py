"""Statistics over a snapshot: poverty measures (FGT, Alkire–Foster) and the third-party
assessment's sampling design and estimators (issue 15, ``docs/statistics.md``).

Pure Python with numpy, scipy, pyarrow and DuckDB (Spark for the SQL measures on request);
never Django. The product's commands, screens and API call these functions.
"""

from __future__ import annotations


class MeasureError(ValueError):
    """Input a measure cannot use; the message names the file, row, column or parameter."""
