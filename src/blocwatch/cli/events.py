"""Commands: events, code, eval."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from blocwatch import api
from blocwatch.cli.application import app
from blocwatch.cli.common import (CODER_OPTION, DB_OPTION, ORIGIN_OPTION, Format, dumps, emit, error_line,
                                  handle_errors, out, parse_date, publication_date,
                                  render_table)
from blocwatch.countries import label
from blocwatch.errors import InputError, QueryError

DEFAULT_LIMIT = 100  # events shown unless --limit says otherwise
TABLE_COLS = ["date", "source", "plover", "target", "quad_class", "modality", "sentence"]
ACTOR_FIELDS = ("text", "start", "end", "code", "country", "sector")
ARTICLE_FIELDS = ("published", "url", "title", "outlet", "path")
SCALAR_FIELDS = ("sentence", "sentence_start", "sentence_end", "plover", "plover_mode", "cameo", "quad_class",
                 "goldstein", "modality", "date", "date_precision", "location", "reason", "origin")
CSV_COLS = (["event_id", "doc_id", *(f"article_{k}" for k in ARTICLE_FIELDS), *SCALAR_FIELDS[:3],
             *(f"{side}_{k}" for side in ("source", "target") for k in ACTOR_FIELDS), *SCALAR_FIELDS[3:]])


def _flat(e: dict) -> dict:
    """An event for the table: actors as their code with the country's name beside it."""
    def actor(side: dict | None) -> str | None:
        return (label(side.get("code")) or side.get("text")) if side else None

    return {**e, "source": actor(e["source"]), "target": actor(e["target"]),
            "sentence": e["sentence"] or e["reason"]}  # imported events have no sentence: show their id


def csv_row(e: dict) -> dict:
    """An event as one flat CSV row: every contract field, actors and article as prefixed columns."""
    article = e.get("article") or {}
    row = {k: e.get(k) for k in ("event_id", "doc_id", *SCALAR_FIELDS)}
    row.update({f"article_{k}": article.get(k) for k in ARTICLE_FIELDS})
    for side in ("source", "target"):
        row.update({f"{side}_{k}": (e.get(side) or {}).get(k) for k in ACTOR_FIELDS})
    return row


@app.command()
@handle_errors
def events(
    db: str = DB_OPTION,
    dyad: str = typer.Option(None, "--dyad", help="Two ISO3 codes, either direction: CHN-PRK."),
    actor: str = typer.Option(None, "--actor", help="A country (PRK) or code prefix (PRKGOV) on either side."),
    since: str = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    type_: str = typer.Option(None, "--type", help="PLOVER type, e.g. ACCUSE."),
    limit: str = typer.Option(str(DEFAULT_LIMIT), "--limit", help=f"At most this many events (default {DEFAULT_LIMIT}), or all."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, jsonl, csv or json."),
    origin: str = ORIGIN_OPTION,
) -> None:
    """List stored events with their evidence sentences, oldest first."""
    n = _parse_limit(limit)
    rows = api.events(db, dyad=dyad, actor=actor, since=parse_date(since, "since"),
                      until=parse_date(until, "until"), type=type_, limit=None if n is None else n + 1,
                      origin=origin)
    more = None
    if n is not None and len(rows) > n:
        rows, more = rows[:n], f"… more events after these {n}; --limit N or --limit all shows them"
    empty = "no events match these filters" if any((dyad, actor, since, until, type_, origin)) else "no events stored"
    if fmt is Format.table:
        emit([_flat(r) for r in rows], fmt, TABLE_COLS, more=more, empty=empty)
    elif fmt is Format.csv:
        emit([csv_row(r) for r in rows], fmt, CSV_COLS, more=more, empty=empty)
    else:
        emit(rows, fmt, more=more, empty=empty)


def _parse_limit(text: str) -> int | None:
    """A positive number of events, or None for "all"."""
    if text.strip().lower() == "all":
        return None
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise QueryError(f"--limit must be a positive number or all, got {text!r}")
    return n


@app.command()
@handle_errors
def code(
    file: str = typer.Argument(None, help="JSONL file of {\"id\", \"text\", \"date\"} lines, or - for stdin."),
    text: str = typer.Option(None, "--text", help="Code this one plain-text document instead."),
    date_: str = typer.Option(None, "--date", help="Publication date for documents without one."),
    fmt: Format = typer.Option(Format.jsonl, "--format", help="jsonl (default), json, csv or table."),
    workers: int = typer.Option(1, "--workers", min=1, help="Parse in this many processes."),
    coder: str = CODER_OPTION,
) -> None:
    """Code documents without a database; print one JSON event per line."""
    default = publication_date(date_)
    failed = []
    if text is not None:
        docs = [api.CodeInput(text=text, date=default)]
    elif file:
        docs = list(_read_jsonl(file, default, failed))
    else:
        raise InputError("give a JSONL FILE (or - for stdin) or --text")
    rows = api.code(docs, workers=workers, coder=coder)
    if fmt is Format.table:
        out.print(render_table([_flat(r) for r in rows], TABLE_COLS))
    elif fmt is Format.csv:
        emit([csv_row(r) for r in rows], fmt, CSV_COLS)
    elif fmt is Format.json:
        emit(list(rows), fmt)
    else:
        for row in rows:
            sys.stdout.write(dumps(row) + "\n")
    if failed:
        raise typer.Exit(1)


def _read_jsonl(file: str, default, failed: list):
    try:
        lines = sys.stdin.read().splitlines() if file == "-" else Path(file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read ({exc})", path=file) from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise ValueError("a line must be an object with a 'text' string")
            when = publication_date(str(rec["date"])) if rec.get("date") else default
        except Exception as exc:  # noqa: BLE001 - any bad line is reported and skipped
            msg = exc.one_line() if hasattr(exc, "one_line") else str(exc)
            error_line(f"{file}:{n}: {msg}")
            failed.append(n)
            continue
        yield api.CodeInput(text=rec["text"], id=str(rec["id"]) if rec.get("id") is not None else None, date=when)


@app.command(name="eval")
@handle_errors
def eval_(
    gold: str = typer.Argument(..., help="Gold file (../shared/gold/PLV_train.tsv; gold/kcna2011/gold.jsonl with "
                                         "--format real), or articles with --format corpus."),
    format_: str = typer.Option("plv", "--format", help="plv (gold TSV), real (real stories annotated sentence by "
                                "sentence) or corpus (a file or directory of articles)."),
    corpus: str = typer.Option("../shared/corpus/kcna2011", "--corpus",
                               help="With --format real: the folder of stories the gold annotates (JSONL, or "
                               ".txt articles by file stem)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    coder: str = CODER_OPTION,
    split: str = typer.Option("heldout", "--split",
                              help="heldout (PLV: the 15% the shipped model never saw; real: = test), train or all; "
                                   "real also dev and test."),
    errors: int = typer.Option(0, "--errors", help="With --format real: list this many wrong and missed events."),
    against: str = typer.Option(None, "--against",
                                help="With --format real: score this coder too (learned or rules) on the same "
                                     "stories, or read an earlier report of them (a file --json wrote), and show "
                                     "--coder's figures less its, with paired 95% intervals."),
    model: str = typer.Option(None, "--model", help="With --coder learned: score the model in this directory "
                              "(scripts/train_coder.py --out, with its gate) instead of the shipped one; "
                              "--against learned then scores the shipped one."),
) -> None:
    """Score a coder on a gold file (dyad recall, root accuracy, macro-F1, per-class F1, confusion table), or
    code a corpus; both report the share of events whose source and target carry a country."""
    from blocwatch.pipeline import CODERS

    if against is not None and format_ != "real":
        raise QueryError("--against compares two coders on real-news gold: use it with --format real")
    if against is not None and against not in CODERS and not Path(against).is_file():
        raise QueryError(f"--against takes a coder ({' or '.join(CODERS)}) or a report --json saved; "
                         f"{against!r} is neither")
    scored = api.evaluate(gold, format_, coder=coder, split=split, corpus=corpus, model=model)
    report = scored.to_dict()
    if against is not None:
        from blocwatch.events.realeval import RealReport

        other = (api.evaluate(gold, format_, coder=against, split=split, corpus=corpus) if against in CODERS
                 else RealReport.read(against))
        report["against"] = {"coder": against, "differences": scored.difference(other)}
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    if format_ == "real":
        _real_tables(report, errors)
        if against is not None:
            emit([{"metric": k, "difference": f"{v['difference']:+.3f}",
                   "95% interval": f"{v['interval'][0]:+.3f} to {v['interval'][1]:+.3f}"}
                  for k, v in report["against"]["differences"].items()], Format.table,
                 title=f"{coder} less {against} on the same stories (paired; an interval holding 0: within the sample)")
        return
    tables = ("confusion", "f1", "dated_by", "uncoded_actors")
    emit([{"metric": k, "value": f"{v:.3f}" if isinstance(v, float) else v}
          for k, v in report.items() if k not in tables],
         Format.table, title="PLV evaluation" if format_ == "plv" else "corpus coding")
    if "confusion" in report:
        emit([{"root": r["root"], "f1": f"{r['f1']:.3f}"} for r in report["f1"]], Format.table,
             title="F1 by gold root (end to end)")
        emit(report["confusion"][:25], Format.table,
             title="confusion (gold × predicted on matched rows; — = unmatched)")
    else:
        emit([{"date_source": k, "articles": v} for k, v in report["dated_by"].items()], Format.table,
             title="how articles were dated")
        emit(report["uncoded_actors"], Format.table, title="actors without a country (most frequent)")


def _real_tables(report: dict, errors: int) -> None:
    lists = ("false_positives", "false_negatives", "per_type", "fp_examples", "fn_examples", "intervals", "per_story",
             "against")
    spans = report.get("intervals", {})
    emit([{"metric": k, "value": f"{v:.3f}" if isinstance(v, float) else v,
           "95% interval": f"{spans[k][0]:.3f}–{spans[k][1]:.3f}" if k in spans else ""}
          for k, v in report.items() if k not in lists], Format.table,
         title="real news: asserted international events (intervals: the stories drawn again, 1,000 times)")
    emit([{"kind": k, "events": v} for k, v in report["false_positives"].items()], Format.table,
         title="wrong events by kind")
    emit([{"kind": k, "events": v} for k, v in report["false_negatives"].items()], Format.table,
         title="missed events by kind")
    emit([{**r, "precision": f"{r['precision']:.3f}", "recall": f"{r['recall']:.3f}"} for r in report["per_type"]],
         Format.table, title="by type")
    if errors:
        emit(report["fp_examples"][:errors], Format.table, title="wrong events")
        emit(report["fn_examples"][:errors], Format.table, title="missed events")
