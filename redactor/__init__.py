"""redact: find confidential personal information in documents and write truly redacted copies.

The public API is in :mod:`redactor.api`; the names below load it on first use, so that
``import redactor`` stays cheap (spaCy is only imported when detection is needed).
"""
from __future__ import annotations

from typing import Any

__all__ = ["scan_text", "redact_text", "redact_file", "redact_paths"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in __all__:
        from redactor import api
        return getattr(api, name)
    raise AttributeError(f"module 'redactor' has no attribute {name!r}")
