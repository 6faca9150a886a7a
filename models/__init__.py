"""Data that drives detection (installed as ``redactor.models``): lexicons and the spaCy set-up."""
