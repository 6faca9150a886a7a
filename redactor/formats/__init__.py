"""Format handlers: read a file into text with locations, write a redacted copy, re-read it.
A handler is a module with ``EXTENSIONS``, ``read(path, options)``, ``write(doc, replacements,
out)`` and ``copy_texts(path, options)``; :func:`handler_for` picks one by the file's extension."""
from __future__ import annotations

import functools
import importlib
from pathlib import Path
from types import ModuleType

_MODULES = ("text", "docx", "pdf", "xlsx", "eml", "msg", "image")


@functools.lru_cache(maxsize=1)
def handlers() -> dict[str, ModuleType]:
    """Extension -> handler. Imported on first use: the handlers import the verifier, which
    imports this package's base module."""
    modules = [importlib.import_module(f"redactor.formats.{name}") for name in _MODULES]
    return {ext: module for module in modules for ext in module.EXTENSIONS}


def handler_for(path: Path) -> ModuleType | None:
    return handlers().get(path.suffix.lower())


def copy_suffix(handler: ModuleType, name: str) -> str:
    """The extension of the copy of file ``name``: its own, unless its handler writes another
    format (an Outlook message's copy is an .eml)."""
    return getattr(handler, "COPY_SUFFIX", Path(name).suffix.lower())
