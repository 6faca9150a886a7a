"""The Python API the CLI is built on.

    >>> import redactor
    >>> findings = redactor.scan_text("Mrs Jane Doe (DOB 12/03/1941) ...")
    >>> outcome = redactor.redact_file("notes.txt", "out/")
"""
from __future__ import annotations

import functools
from pathlib import Path

from redactor.core import Finding, Outcome, ReadOptions
from redactor.decide import Policy
from redactor.detect.engine import Detector
from redactor.models.settings import DEFAULT_MODEL
from redactor.pipeline import Redactor, walk


@functools.lru_cache(maxsize=4)
def detector(model: str = DEFAULT_MODEL) -> Detector:
    """One detector (one loaded spaCy model) per model name and process."""
    return Detector(model)


def redactor_for(policy: Policy | None = None, model: str = DEFAULT_MODEL,
                 options: ReadOptions | None = None) -> Redactor:
    return Redactor(policy=policy, detector=detector(model), options=options)


def scan_text(text: str, policy: Policy | None = None, model: str = DEFAULT_MODEL) -> list[Finding]:
    """Findings in ``text``, each with ``action`` 'redact' or 'keep' and a reason."""
    return redactor_for(policy, model).scan_text(text)


def redact_text(text: str, policy: Policy | None = None, model: str = DEFAULT_MODEL) -> str:
    """``text`` with its CPI replaced in the policy's style."""
    return redactor_for(policy, model).redact_text(text)[0]


def redact_file(path: str | Path, out: str | Path | None = None, policy: Policy | None = None,
                model: str = DEFAULT_MODEL, force: bool = False, scan_only: bool = False,
                options: ReadOptions | None = None) -> Outcome:
    """Redact one file into folder ``out`` (default: beside it); see :class:`Outcome`.
    ``options`` carries a PDF password and the other per-format choices."""
    return redactor_for(policy, model, options).redact_file(Path(path), Path(out) if out else None, force=force,
                                                   scan_only=scan_only)


def redact_paths(paths: list[str | Path], out: str | Path | None = None, policy: Policy | None = None,
                 model: str = DEFAULT_MODEL, force: bool = False, scan_only: bool = False,
                 options: ReadOptions | None = None) -> list[Outcome]:
    """Redact files and folders (walked recursively; an output folder mirrors their tree)."""
    engine = redactor_for(policy, model, options)
    outcomes = []
    for root in [Path(p) for p in paths]:
        for file in walk([root]):
            target = None
            if out is not None:
                target = Path(out) / file.parent.relative_to(root) if root.is_dir() else Path(out)
            outcomes.append(engine.redact_file(file, target, force=force, scan_only=scan_only))
    return outcomes
