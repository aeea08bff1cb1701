"""The consolidation period's screens (巩固提升期): quality of exit, help by type, follow-up."""

from fupin.consolidation import views  # noqa: F401

urlpatterns: list = []
