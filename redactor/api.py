"""The Python API the CLI is built on.

    >>> import redactor
    >>> findings = redactor.scan_text("Mrs Jane Doe (DOB 12/03/1941) ...")
    >>> outcome = redactor.redact_file("notes.txt", "out/")
"""
from __future__ import annotations

import functools
import os
import resource
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from redactor.core import MAX_MEMORY_MB, Finding, Outcome, ReadOptions, RefusedError
from redactor.decide import Policy
from redactor.detect.engine import Detector
from redactor import workers
from redactor.files import LOCK_NAME, RUN_FILES, SPOOL_PREFIX, RunLock, private_dir
from redactor.models.settings import DEFAULT_MODEL
from redactor.pipeline import Redactor, report_paths
from redactor.report import Loaded
from redactor.review import Review


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


@dataclass(frozen=True)
class Task:
    """One input file, the folder its outputs go to (None: beside it) and, with
    ``--rename-outputs``, the neutral name of its copy."""

    file: Path
    outdir: Path | None
    copy_stem: str | None = None


@dataclass
class Run:
    """What :func:`run` did: every task's outcome in input order (``not processed`` for those a
    stop left undone) and whether the run was stopped (Ctrl-C, SIGTERM)."""

    outcomes: list[Outcome] = field(default_factory=list)
    reports: Loaded = field(default_factory=list)
    interrupted: bool = False
    kept: list[Path] = field(default_factory=list)  # an earlier run's decisions.csv and review history, dated
    summary: dict[str, Any] | None = None  # summary.json's content, where the run has an output folder


def tasks(paths: list[str | Path], out: str | Path | None, rename_outputs: bool = False) -> list[Task]:
    """Each file under ``paths`` with its output folder: ``out`` mirroring the tree of a folder
    argument, or None (beside the input). A run's output folder is never an input: ``out`` and
    any folder an earlier run wrote into (it holds the run lock) are left out of a folder's walk,
    and so are copies, reports, run files and temporary files."""
    found: list[Task] = []
    out_path = Path(out).resolve() if out is not None else None
    for root in [Path(p) for p in paths]:
        for file in _walk(root, out_path):
            target = None
            if out is not None:
                target = Path(out) / file.parent.relative_to(root) if root.is_dir() else Path(out)
            found.append(Task(file, target))
    if rename_outputs:
        found = [Task(t.file, t.outdir, f"document-{n:04d}") for n, t in enumerate(found, start=1)]
    return found


def _walk(root: Path, out: Path | None) -> Iterator[Path]:
    """Files under ``root`` (a folder walked recursively, symlink loops skipped), sorted."""
    if not root.is_dir():
        yield root
        return
    seen: set[tuple[int, int]] = set()
    for folder, dirs, names in os.walk(root, followlinks=True):
        try:
            st = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        here = Path(folder)
        if (st.st_dev, st.st_ino) in seen or (here != root and (here.resolve() == out or (here / LOCK_NAME).exists())):
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith(SPOOL_PREFIX))  # a killed run's spool: not input
        output_folder = here.resolve() == out or (here / LOCK_NAME).exists()
        for name in sorted(names):
            if _is_output(name, output_folder):
                continue
            yield here / name


def _is_output(name: str, in_output_folder: bool) -> bool:
    """A file a run wrote: a copy, a report, a temporary file, and in a run's output folder its
    run files (summary.json, report.html, decisions.csv and the dated decisions kept by --force)."""
    if ".redacted." in name or name.endswith((".report.json", ".report.md")) or name.startswith(".redact-tmp-"):
        return True
    return in_output_folder and (name in RUN_FILES or name == LOCK_NAME
                                 or name.startswith("decisions.") and name.endswith(".csv"))


def redact_paths(paths: list[str | Path], out: str | Path | None = None, policy: Policy | None = None,
                 model: str = DEFAULT_MODEL, force: bool = False, scan_only: bool = False,
                 options: ReadOptions | None = None, jobs: int = 1,
                 progress: Callable[[Outcome], None] | None = None, dask: Any = None) -> list[Outcome]:
    """Redact files and folders (walked recursively; an output folder mirrors their tree), every
    outcome in input order. See :func:`redact_tasks` for how files are spread over processes."""
    todo = tasks(paths, out)
    return _in_order(todo, redact_tasks(todo, policy, model, force, scan_only, options, jobs, progress=progress,
                                        dask=dask))


def _in_order(todo: list[Task], done: Iterator[tuple[int, Outcome]]) -> list[Outcome]:
    by_index = dict(done)
    return [by_index.get(i) or Outcome(str(t.file), "not processed", "the run was stopped before this file")
            for i, t in enumerate(todo)]


def redact_tasks(todo: list[Task], policy: Policy | None = None, model: str = DEFAULT_MODEL, force: bool = False,
                 scan_only: bool = False, options: ReadOptions | None = None, jobs: int = 1,
                 max_memory_mb: int = 0,
                 progress: Callable[[Outcome], None] | None = None, dask: Any = None) -> Iterator[tuple[int, Outcome]]:
    """(index, outcome) of each task as it finishes. ``jobs`` > 1 runs files in that many
    processes, each loading the model once; a worker that dies (out of memory, a crash in a
    library) loses no finished file: the files it was working on are tried again one at a time,
    and a file that kills a worker twice is reported failed. With the pseudonym style the run
    stays in one process, so that a person keeps one stand-in in every file. Files run one at a
    time (one file, or the pseudonym style) use ``jobs`` processes for a long text's sections.
    ``max_memory_mb`` caps each process's address space (0: no cap). With ``dask`` (a scheduler's
    address, ``local[:N]`` or a ``distributed.Client``) the files run on that cluster instead
    (:mod:`redactor.cluster`)."""
    policy = policy or Policy()
    settings = (policy, model, options, force, scan_only, max_memory_mb)
    parallel = jobs > 1 and len(todo) > 1 and not policy.uses_pseudonyms
    if dask is not None:
        from redactor.cluster import run_on_cluster
        results = run_on_cluster(todo, settings, dask)
    else:
        results = _pooled(todo, jobs, settings) if parallel else _serial(todo, settings, jobs)
    for i, outcome in results:
        if progress:
            progress(outcome)
        yield i, outcome


def _serial(todo: list[Task], settings: tuple, jobs: int) -> Iterator[tuple[int, Outcome]]:
    """Files in this process, a batch at a time (:func:`_batches`), under the memory ceiling for
    as long as the run lasts (a library caller's own limit is put back after)."""
    policy, model, options, force, scan_only, max_memory_mb = settings
    engine = redactor_for(policy, model, options)
    engine.section_jobs = jobs  # one file at a time: a long text's sections use the cores instead
    before = resource.getrlimit(resource.RLIMIT_AS)
    _limit_memory(max_memory_mb)
    try:
        for batch in _batches(todo, deque(range(len(todo)))):
            yield from zip(batch, engine.redact_batch([_file(todo[i]) for i in batch], force=force,
                                                      scan_only=scan_only))
    finally:
        resource.setrlimit(resource.RLIMIT_AS, before)


#: A batch (:meth:`Redactor.redact_batch`) holds at most this many files of at most this many bytes in all.
BATCH_FILES, BATCH_BYTES = 8, 512 * 1024


def _batches(todo: list[Task], queue: deque[int], jobs: int = 1) -> Iterator[list[int]]:
    """The queued tasks' indices, taken in order in batches of small files; a large file (or
    one whose size cannot be read) goes alone. A batch is at most half of each worker's share of
    what is left, so that the last batches do not leave one worker idle while another works."""
    while queue:
        batch = [queue.popleft()]
        size, most = _size(todo[batch[0]].file), max(1, min(BATCH_FILES, len(queue) // (2 * jobs)))
        while queue and len(batch) < most and size + _size(todo[queue[0]].file) <= BATCH_BYTES:
            size += _size(todo[queue[0]].file)
            batch.append(queue.popleft())
        yield batch


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return BATCH_BYTES + 1


def _file(task: Task) -> tuple[Path, Path | None, str | None]:
    return task.file, task.outdir, task.copy_stem


def _pooled(todo: list[Task], jobs: int, settings: tuple) -> Iterator[tuple[int, Outcome]]:
    """Files in ``jobs`` worker processes, a batch at a time. A worker's death breaks the pool:
    the files in flight are tried again alone, and a retry may replace what its own first try
    wrote (the file's reports were not there before this run reached it)."""
    queue, solo, crashes = deque(range(len(todo))), deque[int](), Counter[int]()
    fresh: dict[int, bool] = {}
    batches = _batches(todo, queue, jobs)
    while queue or solo:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=settings)
        running: dict[Future[list[Outcome]], list[int]] = {}
        try:
            broken = False
            while (queue or solo or running) and not broken:
                while solo and not running:  # after a crash, the files it may have been are tried alone
                    i = solo.popleft()
                    running[pool.submit(_work, [todo[i]], fresh[i])] = [i]
                while queue and not solo and len(running) < jobs:
                    batch = next(batches)
                    for i in batch:
                        task = todo[i]
                        fresh[i] = not any(p.exists() for p in report_paths(task.file, task.outdir or task.file.parent))
                    running[pool.submit(_work, [todo[i] for i in batch])] = batch
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    except Exception as e:  # noqa: BLE001 - a result that could not come back
                        outcomes = [Outcome(str(todo[i].file), "failed", f"the worker could not return its result "
                                            f"({type(e).__name__})") for i in running[future]]
                    yield from zip(running.pop(future), outcomes)
            for batch in running.values():  # the pool broke: a worker died on one of these
                for i in batch:
                    crashes[i] += 1
                    if crashes[i] >= 2:
                        yield i, Outcome(str(todo[i].file), "failed", "the worker process died on this file twice "
                                         "(out of memory or a crash in a library): no copy written")
                    else:
                        solo.append(i)
        finally:
            workers.stop(pool, running)


def _limit_memory(max_memory_mb: int) -> None:
    if max_memory_mb > 0:
        limit = max_memory_mb * 2**20
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


_WORKER: dict[str, object] = {}


def _start_worker(policy: Policy, model: str, options: ReadOptions | None, force: bool, scan_only: bool,
                  max_memory_mb: int) -> None:
    workers.become_worker()
    _limit_memory(max_memory_mb)
    _WORKER.update(engine=redactor_for(policy, model, options), force=force, scan_only=scan_only)


def _work(batch: list[Task], replace_own: bool = False) -> list[Outcome]:
    engine: Redactor = _WORKER["engine"]  # type: ignore[assignment]
    return list(engine.redact_batch([_file(t) for t in batch], force=bool(_WORKER["force"]) or replace_own,
                                    scan_only=bool(_WORKER["scan_only"])))


def run(paths: list[str | Path], out: str | Path | None, policy: Policy | None = None, model: str = DEFAULT_MODEL,
        force: bool = False, scan_only: bool = False, options: ReadOptions | None = None, jobs: int = 1,
        rename_outputs: bool = False, max_memory_mb: int = MAX_MEMORY_MB,
        progress: Callable[[Outcome], None] | None = None, dask: Any = None) -> Run:
    """The main job: redact every file under ``paths`` and, with an output folder, write the run
    files (summary.json, report.html, decisions.csv) even when files failed or the run was
    stopped (Ctrl-C or SIGTERM: the files not reached are listed as not processed). ``reports``
    holds each outcome with its report, read back once for the run files and the disclosure log.

    Safe to repeat and to run beside another: one run at a time writes into ``out`` (a lock), an
    earlier run's files there are not replaced unless ``force`` (and then the reviewer's
    decisions.csv is kept under a dated name), ``out`` is never read as input, and everything is
    written 0600 in folders made 0700. Raises :class:`RefusedError` when the run cannot start."""
    todo = tasks(paths, out, rename_outputs)
    if not todo:
        raise RefusedError("no files to redact under the paths given")
    work = functools.partial(_run, todo, policy, model, force, scan_only, options, jobs, max_memory_mb, progress, dask)
    if out is None:
        return work()
    from redactor import batch
    outdir = private_dir(Path(out))
    with RunLock(outdir):
        earlier = [name for name in RUN_FILES if (outdir / name).exists()]
        if earlier and not force:
            raise RefusedError(f"the output folder holds an earlier run's {earlier[0]} (a review may be under way): "
                               "choose another -o, or add --force (the earlier decisions.csv is then kept under a "
                               "dated name)")
        result = work()
        result.summary = batch.summarise(result.reports)
        result.kept = batch.write_run_files(result.reports, result.summary, outdir)
    return result


def _run(todo: list[Task], policy: Policy | None, model: str, force: bool, scan_only: bool,
         options: ReadOptions | None, jobs: int, max_memory_mb: int,
         progress: Callable[[Outcome], None] | None, dask: Any = None) -> Run:
    """Every task's outcome; a stop (KeyboardInterrupt, which SIGTERM also raises in the CLI)
    ends the work at once and lists the files not reached."""
    from redactor import report
    result, done = Run(), {}
    try:
        for i, outcome in redact_tasks(todo, policy, model, force, scan_only, options, jobs, max_memory_mb, progress,
                                       dask):
            done[i] = outcome
    except KeyboardInterrupt:
        result.interrupted = True
    result.outcomes = _in_order(todo, iter(done.items()))
    result.reports = report.load(result.outcomes)
    return result


def apply_decisions(paths: list[str | Path], decisions_csv: str | Path, out: str | Path | None = None,
                    policy: Policy | None = None, force: bool = False,
                    options: ReadOptions | None = None) -> list[Outcome]:
    """Re-create copies from a reviewed decisions file, without running detection. A file with no
    rows, or changed since the scan, is refused."""
    from redactor import decisions
    rows = decisions.read_csv(Path(decisions_csv))
    engine = Redactor(policy=policy, detector=_NoDetector(), options=options)  # type: ignore[arg-type]
    outcomes = []
    for task in tasks(paths, out):
        file_rows = decisions.rows_for(task.file, rows)
        if file_rows is None:
            outcomes.append(Outcome(str(task.file), "refused", "no decisions for this file in the decisions file"))
            continue
        outcomes.append(engine.redact_file(task.file, task.outdir, force=force, decisions=file_rows))
    return outcomes


def apply_review(review: Review, *, recipient: str, purpose: str, basis: str, by: str,
                 log_path: Path | None = None, options: ReadOptions | None = None) -> tuple[Path, list[Outcome]]:
    """Write the reviewed copies of every document of ``review`` that a copy can be made of, in
    the run's style, into a new folder of the run (nothing is replaced), each verified as in a
    run, and record the disclosure: who decided, for whom, why and on what legal basis."""
    from redactor import disclosure_log, report
    if basis not in disclosure_log.LEGAL_BASES:
        raise ValueError("choose one of the legal bases")
    if not all(v.strip() for v in (recipient, purpose, by)):
        raise ValueError("the recipient, the purpose and who decided are all needed for the disclosure log")
    documents = review.applicable()
    if not documents:
        raise ValueError("no document of this run can be applied (none scanned, or all changed since)")
    settings = (documents[0].report or {}).get("summary", {}).get("settings", {})
    policy = Policy(style=settings.get("style", "label"), styles=dict(settings.get("styles") or {}))
    engine = Redactor(policy=policy, detector=_NoDetector(), options=options)  # type: ignore[arg-type]
    out = review.new_output_folder()
    outcomes = [engine.redact_file(d.path, out, decisions=review.rows(d.index)) for d in documents if d.path]
    disclosure_log.record(log_path or disclosure_log.default_path(), report.load(outcomes), recipient=recipient,
                          purpose=purpose, basis=basis, by=by)
    return out, outcomes


class _NoDetector:
    """Stands in for the detector when decisions say what to redact: no model is loaded."""

    model = "none (reviewer's decisions)"
    english_word = None  # the 'look here' list goes without the model's vocabulary
