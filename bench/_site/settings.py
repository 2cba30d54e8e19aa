"""The project's settings, with the bench URLconf (the project plus ``/_bench/minimal/``)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench._site.urls"
