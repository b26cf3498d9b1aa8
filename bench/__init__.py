"""The benchmark harness (see bench/README.md). A package so that its scripts share
``bench.common`` and gunicorn can load ``bench.floor_settings``."""
