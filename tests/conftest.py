from __future__ import annotations

import pytest
from django.conf import settings

from tests import factories

# A fixed Fernet key for the tests (the demo key in var/ is never used by tests).
TEST_DATA_KEY = "pKQ7Q7mH9bQpQx1mGm3nOQ3bq6kP9fR3c0m8mDq2b1M="


@pytest.fixture(autouse=True)
def _data_key():
    settings.FUPIN_DATA_KEY = TEST_DATA_KEY


@pytest.fixture
def tree(db):
    return factories.make_tree()


def is_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
