"""Format handlers: read a file into text with locations, write a redacted copy, re-read it.
A handler is a module with ``EXTENSIONS``, ``read(path, options)``, ``write(doc, replacements,
out)`` and ``copy_texts(path, options)``; :func:`handler_for` picks one by the file's extension."""
from __future__ import annotations

from pathlib import Path
from types import ModuleType

from redactor.formats import docx, eml, pdf, text, xlsx

HANDLERS: dict[str, ModuleType] = {ext: handler for handler in (text, docx, pdf, xlsx, eml)
                                   for ext in handler.EXTENSIONS}


def handler_for(path: Path) -> ModuleType | None:
    return HANDLERS.get(path.suffix.lower())
