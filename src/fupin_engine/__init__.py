"""fupin_engine: the monitoring engine and the interchange format.

Pure Python: it never imports Django (checked by import-linter), so it runs in a notebook, a
Spark driver or a batch job as well as inside the web product.
"""

__version__ = "0.1.0"
