"""Worker processes: how they treat signals and how a pool of them is stopped. Used by a run's
pool of files (api) and by the pool that detects a long text's sections (pipeline)."""
from __future__ import annotations

import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Iterable

from redactor import files


def become_worker() -> None:
    """In a new worker: Ctrl-C is the parent's to handle (it stops the pool), and SIGTERM deletes
    this process's own temporary files and exits at once. What a forking parent had registered
    as its temporary files stays the parent's."""
    files.forget_pending()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_term)


def _on_term(_signum: int, _frame: object) -> None:
    files.discard_pending()
    os._exit(1)


def stop(pool: ProcessPoolExecutor, running: Iterable[Future[Any]]) -> None:
    """Shut a pool down; when work is still running (the run was stopped, or failed), now:
    queued work is not started and running workers are ended (they delete their temporary files)."""
    if any(not f.done() for f in running):
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            if process.is_alive():
                process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
