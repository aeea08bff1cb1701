from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project itself: commands that orchestrate every app (setup, demo, serve)."""

    name = "fupin.config"
    label = "config"
    verbose_name = "fupin"
