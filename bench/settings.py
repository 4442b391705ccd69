"""Settings for bench/ only: the production settings with a URLconf that adds
one trivial login-required view, so the benchmark can compare the dashboard
with the cheapest page a logged-in user can get. Production code is untouched."""

from kpu_iku.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
