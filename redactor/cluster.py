"""A run's files on a Dask distributed cluster: the same per-file pipeline, each file a task.

Each worker loads the model once (a worker plugin) and redacts one file at a time; outcomes
stream back as files finish, and the run's summary, HTML report and decisions.csv are written
centrally from the reports, as on one machine. With the pseudonym style every worker asks one
shared register (a Dask actor) for a document's stand-ins, so that a person keeps one stand-in
across the run whichever worker reads them. Inputs and outputs must be on a filesystem every
worker sees, at the same paths.

Failure semantics are those of one machine: a worker that dies loses no finished file (each
file's copy and reports are written by the task that made them), the files it held are given to
another worker, and a file that kills workers twice is reported failed (the scheduler's
``allowed-failures`` is 1 for a local cluster, and ``worker-saturation`` 1.0 so that a worker
holds only the file it is working on; where a scheduler is started by hand, set
``DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1`` and
``DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION=1.0`` in its environment).
"""
from __future__ import annotations

import os
import threading
from typing import Any, Iterator

# Dask's own INFO lines (schedulers, nannies, workers) are not this tool's to print; a local
# cluster's workers inherit the setting from the environment.
os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")

from distributed import WorkerPlugin  # noqa: E402

from redactor.core import Outcome, RefusedError
from redactor.pipeline import Redactor, report_paths
from redactor.styles import Pseudonyms


class StandIns:
    """The run's one register of stand-ins, living on one worker as a Dask actor."""

    def __init__(self) -> None:
        self.pseudonyms = Pseudonyms()

    def stand_ins(self, findings: list[Any], text: str, wanted: list[bool]) -> list[str]:
        return self.pseudonyms.stand_ins(findings, text, wanted)


class _RemoteStandIns:
    """What a worker's pipeline holds instead of its own register: asks the actor."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor

    def stand_ins(self, findings: list[Any], text: str, wanted: list[bool]) -> list[str]:
        return self.actor.stand_ins(findings, text, wanted).result()


class Engine(WorkerPlugin):
    """A worker plugin: the pipeline built once per worker process, and a lock so that a worker
    started with several threads still redacts one file at a time (the model is not shared
    between threads)."""

    name = "redact-engine"

    def __init__(self, settings: tuple, stand_ins: Any = None) -> None:
        self.settings, self.stand_ins = settings, stand_ins

    def setup(self, worker: Any) -> None:
        policy, model, options = self.settings[:3]
        engine = Redactor(policy=policy, model=model, options=options)
        if self.stand_ins is not None:
            engine.pseudonyms = _RemoteStandIns(self.stand_ins)  # type: ignore[assignment]
        worker.redact_engine, worker.redact_lock = engine, threading.Lock()

    def teardown(self, worker: Any) -> None:
        worker.redact_engine = None


def _work(task: Any, force: bool, scan_only: bool) -> Outcome:
    """One file, on whichever worker the scheduler chose."""
    from distributed import get_worker
    worker = get_worker()
    engine: Redactor = worker.redact_engine
    with worker.redact_lock:
        return engine.redact_file(task.file, task.outdir, force=force, scan_only=scan_only, copy_stem=task.copy_stem)


def client_for(address: str | Any, max_memory_mb: int = 0) -> tuple[Any, Any]:
    """A client of the scheduler at ``address``, or of a local cluster for ``local`` or
    ``local:N`` (N single-threaded worker processes): (client, cluster to close or None). An
    existing ``distributed.Client`` is used as it is."""
    import dask
    from distributed import Client, LocalCluster
    if not isinstance(address, str):
        return address, None
    if address == "local" or address.startswith("local:"):
        count = address.partition(":")[2]
        if count and not count.isdigit():
            raise RefusedError("--dask local:N needs a number of workers")
        # a file that kills two workers is failed; a worker holds only the file it is working on,
        # so that its death counts against that file alone
        with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                              "distributed.scheduler.worker-saturation": 1.0}):
            cluster = LocalCluster(n_workers=int(count or 2), threads_per_worker=1, processes=True,
                                   dashboard_address="", memory_limit=f"{max_memory_mb}MB" if max_memory_mb else None)
        return Client(cluster), cluster
    try:
        return Client(address, timeout="20s"), None
    except (OSError, TimeoutError, ValueError) as e:
        raise RefusedError(f"cannot reach the Dask scheduler ({type(e).__name__})") from None


def run_on_cluster(todo: list[Any], settings: tuple, address: str | Any) -> Iterator[tuple[int, Outcome]]:
    """(index, outcome) of each task as it finishes on the cluster."""
    from distributed import as_completed
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker
    policy, _, _, force, scan_only, max_memory_mb = settings
    client, cluster = client_for(address, max_memory_mb)
    futures: dict[Any, int] = {}
    try:
        actor = client.submit(StandIns, actor=True).result() if policy.uses_pseudonyms else None
        client.register_plugin(Engine(settings, actor), name=Engine.name)
        for i, task in enumerate(todo):
            # a file whose reports are not there yet may be replaced by a retry of itself
            fresh = not any(p.exists() for p in report_paths(task.file, task.outdir or task.file.parent))
            futures[client.submit(_work, task, force or fresh, scan_only, pure=False, key=f"redact-file-{i}")] = i
        for future in as_completed(list(futures)):
            i = futures[future]
            try:
                yield i, future.result()
            except KilledWorker:
                yield i, Outcome(str(todo[i].file), "failed", "the worker process died on this file twice (out of "
                                 "memory or a crash in a library): no copy written")
            except FutureCancelledError:
                yield i, Outcome(str(todo[i].file), "not processed", "the run was stopped before this file")
            except Exception as e:  # noqa: BLE001 - a result that could not come back
                yield i, Outcome(str(todo[i].file), "failed", f"the worker could not return its result "
                                 f"({type(e).__name__})")
    finally:
        client.cancel(list(futures))
        if cluster is not None:
            client.close()
            cluster.close()
