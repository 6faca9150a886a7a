"""Where a run reads and writes, made safe to repeat, interrupt and run beside another.

- Inputs are checked before a byte is read: regular files only (a FIFO, device or socket is
  refused at once, never opened for reading), and no larger than the size limit.
- Every file written is created 0600 and folders the tool creates 0700, whatever the umask:
  the reports and the copies hold or derive from CPI.
- Writes are atomic (a temporary name in the same folder, then a rename), so a run killed half
  way leaves whole files or none.
- One run at a time writes into an output folder (:class:`RunLock`), and a reviewer's decisions
  are never overwritten: a forced re-run keeps the previous file under a dated name.
- File names in messages and reports are shown as text even when they are not UTF-8.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import stat
import tempfile
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from redactor.core import MAX_INPUT_BYTES, RefusedError
#: The files a run with ``-o`` writes at the top of its output folder.
RUN_FILES = ("summary.json", "report.html", "decisions.csv")
#: The review page's record of a reviewer's changes to a run (redactor/review.py).
REVIEW_HISTORY = "review-history.jsonl"
LOCK_NAME = ".redact.lock"
SPOOL_PREFIX = ".redact-spool-"


def shown(path: str | os.PathLike[str]) -> str:
    """A path as printable text: bytes that are not UTF-8 (``caf\\xe9.txt``) are shown escaped
    instead of making a message or a report fail to encode."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def check_input(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> os.stat_result:
    """The input's status, after refusing what must not be read: anything but a regular file
    (opened without blocking, so a FIFO cannot hang the run) and files over ``max_bytes``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise RefusedError(f"cannot open: {e.strerror or type(e).__name__}") from None
    try:
        st = os.fstat(fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
                or stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
        raise RefusedError(f"{kind}, not a regular file: not read")
    if st.st_size > max_bytes:
        raise RefusedError(f"{st.st_size / 2**20:.0f} MB is over the size limit of {max_bytes / 2**20:.0f} MB "
                           "(--max-size)")
    if st.st_size == 0:
        raise RefusedError("the file is empty")
    return st


def private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents as 0700 folders (an existing folder is left as it
    is). Raises OSError with the reason when it cannot be made (a file in the way, /proc)."""
    missing = []
    p = Path(path)
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    if p.exists() and not p.is_dir():
        raise NotADirectoryError(20, "a file stands where a folder is needed", str(p))
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
        else:
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    return Path(path)


#: Temporary files of this process not yet renamed into place or deleted (see :func:`discard_pending`).
_PENDING: set[Path] = set()


def private_temp(folder: Path, suffix: str = "") -> Path:
    """A new, empty 0600 file in ``folder`` under a hidden temporary name, for a write that is
    renamed into place once complete (then :func:`settle` it). Its name never carries the input's."""
    fd, name = tempfile.mkstemp(prefix=".redact-tmp-", suffix=suffix + ".tmp", dir=folder)
    os.fchmod(fd, 0o600)
    os.close(fd)
    _PENDING.add(Path(name))
    return Path(name)


def settle(tmp: Path, final: Path | None = None) -> None:
    """Rename ``tmp`` to ``final``, or delete it when ``final`` is None (or the rename failed)."""
    try:
        if final is not None:
            os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)
        _PENDING.discard(tmp)


def open_private(path: Path, mode: str = "wb", **kwargs: object) -> IO[Any]:
    """``open(path, mode)`` for writing, the file created 0600 whatever the umask."""
    return open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), mode, **kwargs)  # type: ignore[call-overload]


@contextlib.contextmanager
def spool_dir(folder: Path) -> Iterator[Path]:
    """A private (0700) hidden folder in ``folder`` for what a long document's sections leave
    between passes (its findings: CPI), deleted when the block ends, however it ends."""
    path = Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX, dir=folder))
    _PENDING.add(path)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        _PENDING.discard(path)


def forget_pending() -> None:
    """A forked worker starts with its parent's list of temporary files: they are not its own."""
    _PENDING.clear()


def discard_pending() -> None:
    """Delete every temporary file and spool this process has open: a worker told to stop
    (SIGTERM) calls it before it exits, so no half-written file is left behind."""
    for tmp in list(_PENDING):
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
    _PENDING.clear()


def write_private(path: Path, data: str | bytes | Iterable[str]) -> Path:
    """Write ``data`` (or its pieces, so a long report is never one string) to ``path``
    atomically as a 0600 file. Text is UTF-8; a character that cannot be encoded (a file name's
    stray byte) is written escaped rather than failing the run."""
    pieces = [data] if isinstance(data, (str, bytes)) else data
    tmp = private_temp(path.parent)
    done = False
    try:
        with open(tmp, "wb") as fh:
            for piece in pieces:
                fh.write(piece.encode("utf-8", "backslashreplace") if isinstance(piece, str) else piece)
            fh.flush()
            os.fsync(fh.fileno())
        done = True
    finally:
        settle(tmp, path if done else None)
    return path


def keep_previous(path: Path) -> Path | None:
    """Before a forced run replaces ``path`` (a reviewer's decisions.csv), give the existing file
    a second, dated name (a hard link, so the file exists under some name at every moment).
    Returns the dated name, or None where there was nothing to keep."""
    if not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    for n in range(1000):
        kept = path.with_name(f"{path.stem}.{stamp}{f'-{n}' if n else ''}{path.suffix}")
        try:
            os.link(path, kept)
            return kept
        except FileExistsError:
            continue
        except OSError:  # a filesystem without hard links: copy
            kept.write_bytes(path.read_bytes())
            os.chmod(kept, 0o600)
            return kept
    raise RefusedError("could not keep the previous decisions file under a dated name")


def set_aside(path: Path) -> Path | None:
    """Give ``path`` a dated name instead of its own (a review's history, which belongs to the run
    that is being replaced): nothing is lost, and nothing of the old run is read as the new one's."""
    kept = keep_previous(path)
    if kept is not None:
        path.unlink()
    return kept


class RunLock:
    """An exclusive lock on an output folder for the length of a run (``flock`` on a lock file:
    released by the system if the run dies, so a crash leaves no stale lock)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> "RunLock":
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise RefusedError("another run is writing into this output folder: wait for it, or choose another -o") \
                from None
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
