from django.contrib.staticfiles.apps import StaticFilesConfig


class StaticFiles(StaticFilesConfig):
    """Collect only the Bootstrap files we serve, not the whole distribution."""

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "*.rtl.*",
        "bootstrap/js/*",
        "bootstrap/css/bootstrap-*",
        "bootstrap/css/bootstrap.css",
        "bootstrap/css/bootstrap.css.map",
    ]
