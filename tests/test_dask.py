"""Runs on a Dask cluster (a LocalCluster of two worker processes): the same outcomes and copies
as on one machine, one stand-in per person across workers, run files written centrally, and a
worker that dies loses no other file while the file that killed it twice is failed."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

from redactor.cli import main  # noqa: E402

NOTE = ("Mrs Edith Marlowe (NHS 943 476 5919) saw Dr Okafor on visit {n}. Her son Thomas Ellis rang "
        "07700 900123 about the lounge.\n")


def _folder(root: Path, names: list[str]) -> Path:
    folder = root / "in"
    folder.mkdir()
    for n, name in enumerate(names):
        (folder / name).write_text(NOTE.format(n=n))
    return folder


def test_a_batch_on_two_workers_gives_what_one_machine_gives(tmp_path):
    folder = _folder(tmp_path, [f"note{n}.txt" for n in range(6)])
    one = CliRunner().invoke(main, [str(folder), "-o", str(tmp_path / "one"), "-j", "1", "--quiet"])
    assert one.exit_code == 0, one.output
    dask = CliRunner().invoke(main, [str(folder), "-o", str(tmp_path / "dask"), "--dask", "local:2", "--quiet"])
    assert dask.exit_code == 0, dask.output
    for n in range(6):
        name = f"note{n}.redacted.txt"
        assert (tmp_path / "dask" / name).read_text() == (tmp_path / "one" / name).read_text()
    summary = json.loads((tmp_path / "dask" / "summary.json").read_text())
    assert [f["status"] for f in summary["files"]] == ["redacted"] * 6
    # the run's decisions are merged centrally, in input order, as one machine writes them
    assert (tmp_path / "dask" / "decisions.csv").read_text() == (tmp_path / "one" / "decisions.csv").read_text()
    assert oct((tmp_path / "dask" / "summary.json").stat().st_mode & 0o777) == "0o600"


def test_a_person_keeps_one_stand_in_across_workers(tmp_path):
    folder = _folder(tmp_path, [f"note{n}.txt" for n in range(6)])
    (folder / "other.txt").write_text("Mr Olusegun Adeyemi rang about Thomas Ellis and Edith Marlowe.\n")
    result = CliRunner().invoke(main, [str(folder), "-o", str(tmp_path / "out"), "--dask", "local:2",
                                       "--style", "pseudonym", "--quiet"])
    assert result.exit_code == 0, result.output
    copies = [(tmp_path / "out" / f"note{n}.redacted.txt").read_text() for n in range(6)]
    marlowe = {c.split(" (NHS")[0] for c in copies}
    ellis = {c.split("Her son ")[1].split(" rang")[0] for c in copies}
    assert len(marlowe) == 1 and len(ellis) == 1 and marlowe != ellis  # the same stand-in in every file
    other = (tmp_path / "out" / "other.redacted.txt").read_text()
    assert ellis.pop() in other and marlowe.pop() in other and "Edith" not in other


class CrashOnFile(distributed.WorkerPlugin):
    """Makes every worker die, as a crash in a library would, when it reads a file named crash*."""

    def setup(self, worker):
        from redactor.formats import text as text_format
        real = text_format.read

        def read(path, options):
            if path.name.startswith("crash"):
                os._exit(9)
            return real(path, options)
        text_format.read = read


def test_a_worker_that_dies_loses_no_other_file(tmp_path):
    import dask
    from redactor.api import redact_paths
    folder = _folder(tmp_path, ["a.txt", "b.txt", "crash.txt", "d.txt", "e.txt"])
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="")
    client = distributed.Client(cluster)
    try:
        client.register_plugin(CrashOnFile(), name="crash-on-file")
        outcomes = {Path(o.source).name: o for o in redact_paths([folder], tmp_path / "out", dask=client)}
    finally:
        client.close()
        cluster.close()
    assert outcomes["crash.txt"].status == "failed" and "died on this file twice" in outcomes["crash.txt"].message
    assert all(outcomes[n].status == "redacted" for n in ("a.txt", "b.txt", "d.txt", "e.txt"))
    assert not list((tmp_path / "out").glob("crash*"))


def test_an_unreachable_scheduler_is_one_line(tmp_path):
    folder = _folder(tmp_path, ["a.txt"])
    result = CliRunner().invoke(main, [str(folder), "-o", str(tmp_path / "out"), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "Dask scheduler" in result.output
