"""The Python API the CLI is built on.

    >>> import redactor
    >>> findings = redactor.scan_text("Mrs Jane Doe (DOB 12/03/1941) ...")
    >>> outcome = redactor.redact_file("notes.txt", "out/")
"""
from __future__ import annotations

import functools
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

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
                 options: ReadOptions | None = None, jobs: int = 1,
                 progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Redact files and folders (walked recursively; an output folder mirrors their tree).

    ``jobs`` > 1 runs files in that many processes, each loading the model once. With the
    pseudonym style the run stays in one process, so that a person keeps one stand-in in every
    file. ``progress`` is called with each outcome as it arrives."""
    tasks = _tasks(paths, out)
    policy = policy or Policy()
    outcomes: list[Outcome] = []
    if jobs > 1 and len(tasks) > 1 and policy.style != "pseudonym" and "pseudonym" not in policy.styles.values():
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                                 initargs=(policy, model, options, force, scan_only)) as pool:
            for outcome in pool.map(_work, tasks, chunksize=1):
                outcomes.append(outcome)
                if progress:
                    progress(outcome)
        return outcomes
    engine = redactor_for(policy, model, options)
    for file, target in tasks:
        outcomes.append(engine.redact_file(file, target, force=force, scan_only=scan_only))
        if progress:
            progress(outcomes[-1])
    return outcomes


def apply_decisions(paths: list[str | Path], decisions_csv: str | Path, out: str | Path | None = None,
                    policy: Policy | None = None, force: bool = False,
                    options: ReadOptions | None = None) -> list[Outcome]:
    """Re-create copies from a reviewed decisions file, without running detection. A file with no
    rows, or changed since the scan, is refused."""
    from redactor import decisions
    rows = decisions.read_csv(Path(decisions_csv))
    engine = Redactor(policy=policy, detector=_NoDetector(), options=options)  # type: ignore[arg-type]
    outcomes = []
    for file, target in _tasks(paths, out):
        file_rows = decisions.rows_for(file, rows)
        if file_rows is None:
            outcomes.append(Outcome(str(file), "refused", "no decisions for this file in the decisions file"))
            continue
        outcomes.append(engine.redact_file(file, target, force=force, decisions=file_rows))
    return outcomes


def _tasks(paths: list[str | Path], out: str | Path | None) -> list[tuple[Path, Path | None]]:
    """Each file under ``paths`` with its output folder: ``out`` mirroring the tree of a folder
    argument, or None (beside the input)."""
    tasks: list[tuple[Path, Path | None]] = []
    for root in [Path(p) for p in paths]:
        for file in walk([root]):
            target = None
            if out is not None:
                target = Path(out) / file.parent.relative_to(root) if root.is_dir() else Path(out)
            tasks.append((file, target))
    return tasks


class _NoDetector:
    """Stands in for the detector when decisions say what to redact: no model is loaded."""

    model = "none (reviewer's decisions)"


_WORKER: dict[str, object] = {}


def _start_worker(policy: Policy, model: str, options: ReadOptions | None, force: bool, scan_only: bool) -> None:
    _WORKER.update(engine=redactor_for(policy, model, options), force=force, scan_only=scan_only)


def _work(task: tuple[Path, Path | None]) -> Outcome:
    engine: Redactor = _WORKER["engine"]  # type: ignore[assignment]
    return engine.redact_file(task[0], task[1], force=bool(_WORKER["force"]), scan_only=bool(_WORKER["scan_only"]))
