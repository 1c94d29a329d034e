"""The project's own input formats, per language (FORMAT_MODULE_PATH)."""
