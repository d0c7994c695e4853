"""API: event queries, coding documents without a database, and evaluation."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from blocwatch.analysis.queries import by_keys
from blocwatch.api.convert import DateLike, FrameOpt, as_date, frame
from blocwatch.errors import InputError, QueryError, UnknownCodeError
from blocwatch.store import Store

if TYPE_CHECKING:  # the NLP stack loads when coding starts, not for a query (`events` answers in < 0.5 s)
    from blocwatch.events.evaluate import CorpusReport, EvalReport
    from blocwatch.events.realeval import RealReport
    from blocwatch.pipeline import Pipeline

__all__ = ["CodeInput", "events", "count_events", "code", "evaluate", "parse_dyad"]

DEFAULT_REAL_CORPUS = "../shared/corpus/kcna2011"
SPLITS = ("heldout", "train", "all", "test", "dev")
ACTOR_COLS = ("text", "start", "end", "code", "country", "sector")


@dataclass(frozen=True)
class CodeInput:
    """One document for ``code``: text, optional id and publication date."""

    text: str
    id: str | None = None
    date: date | None = None


def parse_dyad(dyad: str) -> tuple[str, str]:
    parts = dyad.upper().split("-")
    if len(parts) != 2 or not all(len(p) == 3 and p.isalpha() for p in parts):
        raise QueryError(f"--dyad must look like CHN-PRK (two ISO3 codes), got {dyad!r}")
    return parts[0], parts[1]


def known_country(code: str, option: str) -> str:
    """``code`` if it names a country, region, historical state or actor type; else a QueryError."""
    from blocwatch.actors.codes import NON_COUNTRY
    from blocwatch.countries import CAMEO_TO_ISO3, name

    if code in NON_COUNTRY or code in CAMEO_TO_ISO3 or name(code):
        return code
    raise UnknownCodeError(f"--{option}: unknown country code {code!r} (ISO3, e.g. CHN, PRK, USA)")


def events(db: str | None = None, *, dyad: str | None = None, actor: str | None = None,
           since: DateLike = None, until: DateLike = None, type: str | None = None,
           limit: int | None = None, quad: int | None = None, modality: str | None = None,
           text: str | None = None, offset: int = 0, as_frame: FrameOpt = False,
           origin: str | list[str] | None = None) -> Any:
    """Stored events as contract dicts (see ``Event.to_dict``), oldest first.

    ``dyad`` "CHN-PRK" matches either direction; ``actor`` matches a country or a code prefix;
    dates (``date`` or "YYYY-MM-DD") filter on the event date, else the article's publication date;
    ``text`` is a case-insensitive substring of the sentence or article title.
    ``as_frame=True`` returns a pandas DataFrame, ``as_frame="arrow"`` an Arrow table. ``origin``
    ("blocwatch", "gdelt", "icews", "plover", a comma list; None for all) picks whose events.
    """
    if limit is not None and limit < 0 or offset is not None and offset < 0:
        raise QueryError(f"--limit and --offset must not be negative, got {limit} and {offset}")
    where, params = _event_filter(dyad, actor, since, until, type, quad, modality, text, origin)
    order = "e.day NULLS LAST, e.doc_id, e.sentence_start, e.event_id"
    page = (f" LIMIT {int(limit)}" if limit else "") + (f" OFFSET {int(offset)}" if offset else "")
    with Store(db, read_only=True) as store:
        if text:  # the filter reads the article title
            found = store.query(f"SELECT e.* FROM events e JOIN articles a ON a.id = e.doc_id WHERE {where} "
                                f"ORDER BY {order}{page}", params)
        else:  # pick the page from events alone
            found = store.query(f"SELECT * FROM events e WHERE {where} ORDER BY {order}{page}", params)
        # then look its articles up by key (a join would scan every article)
        arts = {a["id"]: a for a in by_keys(store.con, "SELECT id, path AS a_path, title AS a_title, published AS "
                                            "a_published, url AS a_url, outlet AS a_outlet FROM articles "
                                            "WHERE id IN ({keys})", [r["doc_id"] for r in found])}
        return frame([row_to_event(r | arts[r["doc_id"]]) for r in found if r["doc_id"] in arts], as_frame)


def count_events(db: str | None = None, *, dyad: str | None = None, actor: str | None = None,
                 since: DateLike = None, until: DateLike = None, type: str | None = None,
                 quad: int | None = None, modality: str | None = None, text: str | None = None,
                 origin: str | list[str] | None = None) -> int:
    """How many stored events match the filters of ``events``."""
    where, params = _event_filter(dyad, actor, since, until, type, quad, modality, text, origin)
    source = "events e JOIN articles a ON a.id = e.doc_id" if text else "events e"
    sql = f"SELECT count(*) AS n FROM {source} WHERE {where}"
    with Store(db, read_only=True) as store:
        return store.query(sql, params)[0]["n"]


def _event_filter(dyad, actor, since, until, type, quad, modality, text, origin=None) -> tuple[str, list[Any]]:
    """The SQL WHERE clause and parameters shared by ``events`` and ``count_events``."""
    from blocwatch.api.interop import parse_origins

    since, until = as_date(since, "since"), as_date(until, "until")
    if since and until and since > until:
        raise QueryError(f"--since {since} is after --until {until}; nothing can match")
    where, params = ["TRUE"], []
    if origins := parse_origins(origin):
        where.append("list_contains(?, e.origin)")
        params.append(origins)
    if dyad:
        a, b = parse_dyad(dyad)
        known_country(a, "dyad"), known_country(b, "dyad")
        where.append("e.dyad = ?")  # the unordered country pair, stored at ingest
        params.append(f"{min(a, b)}-{max(a, b)}")
    if actor:
        a = actor.upper()
        known_country(a[:3], "actor")
        where.append("(e.source_country = ? OR e.target_country = ? OR starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))")
        params += [a, a, a, a]
    if type:
        from blocwatch.interop.common import ontology

        types = ontology()["plover"]
        if type.upper() not in types:
            raise QueryError(f"--type must be a PLOVER type ({', '.join(sorted(types))}), got {type!r}")
        where.append("e.plover = ?")
        params.append(type.upper())
    if quad is not None:
        if quad not in (1, 2, 3, 4):
            raise QueryError(f"--quad must be 1, 2, 3 or 4, got {quad!r}")
        where.append("e.quad_class = ?")
        params.append(quad)
    if modality:
        where.append("e.modality = ?")
        params.append(modality.lower())
    if text:
        where.append("(contains(lower(e.sentence), ?) OR contains(lower(coalesce(a.title, '')), ?))")
        params += [text.lower(), text.lower()]
    if since:
        where.append("e.day >= ?")  # the event date, else the article's (stored at ingest)
        params.append(since)
    if until:
        where.append("e.day <= ?")
        params.append(until)
    return " AND ".join(where), params


def row_to_event(r: dict[str, Any]) -> dict[str, Any]:
    """An ``events`` row (joined with its article) as the event JSON contract."""
    def side(prefix: str) -> dict[str, Any] | None:
        if r.get(f"{prefix}_text") is None:
            return None
        return {c: r[f"{prefix}_{c}"] for c in ACTOR_COLS}

    return {
        "event_id": r["event_id"], "doc_id": r["doc_id"],
        "article": {"id": r["doc_id"], "path": r.get("a_path"), "title": r.get("a_title"),
                    "published": r.get("a_published"), "url": r.get("a_url"), "outlet": r.get("a_outlet")},
        "sentence": r["sentence"], "sentence_start": r["sentence_start"], "sentence_end": r["sentence_end"],
        "source": side("source"), "target": side("target"),
        **{k: r[k] for k in ("plover", "plover_mode", "cameo", "quad_class", "goldstein", "modality", "date",
                             "date_precision", "location", "reason")},
        "origin": r.get("origin", "blocwatch"),
    }


def code(docs: Iterable[CodeInput], pipeline: Pipeline | None = None, workers: int = 1,
         coder: str = "learned") -> Iterator[dict[str, Any]]:
    """Code documents without a database; one event dict per event, ``article`` null.

    A document without a date is dated by its own anniversary arithmetic where it has some.
    ``workers`` > 1 parses in that many processes (spaCy ``n_process``); output order is input order.
    """
    from blocwatch.ingest.pubdate import anniversary_date
    from blocwatch.limits import parse_extent
    from blocwatch.pipeline import Pipeline, PipelineOptions
    from blocwatch.safe import scrub

    pipe = pipeline or Pipeline(PipelineOptions(workers=workers, coder=coder))
    items = ((text[:parse_extent(text, pipe.options.max_sentences)], d) for d in docs
             for text in [scrub(d.text) or ""])  # the first max_sentences sentences, as ingest codes them
    for doc, item in pipe.nlp.pipe(items, as_tuples=True, batch_size=pipe.options.batch_size,
                                   n_process=max(1, workers)):
        doc_id = item.id or hashlib.sha256(doc.text.encode()).hexdigest()[:16]
        inferred = None if item.date else anniversary_date(doc.text)
        for event in pipe.coder.code(doc, doc_id=doc_id, published=item.date or (inferred and inferred[0])):
            yield event.to_dict(None)


def evaluate(gold: str, format: str = "plv", pipeline: Pipeline | None = None, coder: str = "learned",
             split: str = "heldout", corpus: str | None = None,
             model: str | None = None) -> EvalReport | CorpusReport | RealReport:
    """Score a coder on a PLV TSV (each sentence coded as its own document), or with ``format="corpus"``
    code the articles under ``gold`` (a file or directory) and report dating and the country share.

    ``split`` (PLV only) is ``heldout`` (the 15% the shipped model never trained on), ``train`` or ``all``.

    With ``format="real"``, ``gold`` is a real-news gold file (stand-off JSONL, see
    ``blocwatch.events.realeval``) and ``corpus`` the folder of stories it annotates (JSONL records, or ``.txt``
    articles by file stem); ``split`` is
    ``test`` (= ``heldout``: stories nothing was trained or tuned on), ``dev``, ``train`` or ``all``.

    ``model`` scores the learned coder with the weights in that directory (``scripts/train_coder.py --out``, its
    gate beside them) instead of the shipped ones: a model trained here is measured as the shipped one is.
    """
    if model is not None and coder != "learned":
        raise QueryError("--model is the learned coder's weights: it goes with --coder learned alone")
    if model is not None and pipeline is not None:
        raise QueryError("evaluate takes a model directory or a pipeline, not both")
    if format not in ("plv", "corpus", "real"):
        raise QueryError(f"unknown gold format {format!r} (supported: plv, real, corpus)")
    if split not in SPLITS:
        raise QueryError(f"unknown split {split!r} (choose: {', '.join(SPLITS)})")
    from blocwatch.pipeline import Pipeline, PipelineOptions

    if model is not None:
        pipeline = Pipeline(PipelineOptions(coder=coder, model_dir=model))
        _ = pipeline.coder.model  # loaded now: a directory without a model is one clear error before any coding
    if format == "real":
        return evaluate_real(gold, corpus or DEFAULT_REAL_CORPUS, pipeline, coder=coder, split=split)
    from blocwatch.events.evaluate import read_gold, score
    from blocwatch.learned.data import in_split

    pipe = pipeline or Pipeline(PipelineOptions(coder=coder))
    if format == "corpus":
        return evaluate_corpus(gold, pipe)
    rows = [r for r in read_gold(gold) if r.sentence_id is None or in_split(r.sentence_id, split)]
    docs = pipe.nlp.pipe((r.sentence for r in rows), batch_size=64)
    return score(rows, (pipe.coder.code(d, doc_id=str(i)) for i, d in enumerate(docs)))


def evaluate_corpus(path: str, pipeline: Pipeline | None = None) -> CorpusReport:
    """Code every article under ``path`` as ``ingest`` would, without a database."""
    from blocwatch.events.evaluate import CorpusReport
    from blocwatch.ingest import read_sources
    from blocwatch.pipeline import Pipeline
    from blocwatch.records import Failure

    pipe = pipeline or Pipeline()
    report = CorpusReport()
    articles = []
    for item in read_sources([path]):
        if isinstance(item, Failure):
            report.failed += 1
        else:
            articles.append(item)
    if not articles and report.failed:
        raise InputError("no readable articles", path=path)
    for batch in pipe.process(articles):
        if isinstance(batch, Failure):
            report.failed += 1
        else:
            report.add(batch.articles[0].date_source, batch.events)
    return report


def evaluate_real(gold: str, corpus: str, pipeline: Pipeline | None = None, coder: str = "learned",
                  split: str = "test") -> RealReport:
    """Code the stories of a real-news gold file as ``ingest`` would (read, clean, date, parse, code) and
    score their asserted international events sentence by sentence (see ``blocwatch.events.realeval``)."""
    from blocwatch.events.realeval import RealReport, read_real_gold
    from blocwatch.pipeline import Pipeline, PipelineOptions
    from blocwatch.records import Failure

    want = "test" if split == "heldout" else split
    stories = [s for s in read_real_gold(gold) if want == "all" or s.split == want]
    texts = real_corpus(corpus, {s.id for s in stories})
    missing = [s.id for s in stories if s.id not in texts]
    if missing:
        raise InputError(f"{len(missing)} gold stories are not in the corpus (first: {missing[0]})", path=corpus)
    pipe = pipeline or Pipeline(PipelineOptions(coder=coder))
    report = RealReport()
    for story, coded in zip(stories, code_real(pipe, [texts[s.id] for s in stories])):
        report.add(story, [] if isinstance(coded, Failure) else _predicted(story, texts[story.id]["text"], *coded))
    return report


def real_corpus(corpus: str, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The records of ``ids`` among the JSONL files under ``corpus``; a plain-text article (``*.txt``, the
    seed articles) is the record of its file's stem, read as ``ingest`` reads a text file."""
    import json
    from pathlib import Path

    root = Path(corpus)
    if not root.exists():
        raise InputError("corpus not found (the real-news gold reads its stories from it)", path=corpus)
    from blocwatch.ingest.readers import Unreadable, read_text_file

    found: dict[str, dict[str, Any]] = {}
    if root.is_dir():
        texts, records = sorted(root.glob("*.txt")), sorted(root.glob("*.jsonl"))
    else:
        texts, records = ([root], []) if root.suffix == ".txt" else ([], [root])
    for path in texts:
        if path.stem in ids:
            try:
                found[path.stem] = {"id": path.stem, "text": read_text_file(path)}
            except (Unreadable, OSError) as exc:  # a gold story without its text: no score can stand
                raise InputError(f"cannot read the story {path.stem!r} ({exc})", path=str(path)) from exc
    for path in records:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if '"id"' in line and (rec := json.loads(line)).get("id") in ids:
                    found[rec["id"]] = rec
    return found


def code_real(pipe: Pipeline, records: list[dict[str, Any]]) -> Iterator[Any]:
    """(article, events) for each record, or its Failure, in order."""
    from blocwatch.records import Failure

    articles = [_record_article(rec) for rec in records]
    good = [a for a in articles if not isinstance(a, Failure)]
    batches = iter(pipe.process(good))
    for art in articles:
        if isinstance(art, Failure):
            yield art
            continue
        batch = next(batches)
        yield batch if isinstance(batch, Failure) else (art, batch.events)


def _predicted(story: Any, raw: str, article: Any, events: list[Any]) -> list[Any]:
    """Events reduced to the gold's fields, placed in the gold sentence their evidence overlaps most."""
    from blocwatch.events.realeval import Predicted, sentence_of

    out = []
    for e in events:
        at = _locate(raw, article.text, e.sentence_start, e.sentence_end)
        i = sentence_of(story.sentences, *at) if at else None
        if i is not None:
            out.append(Predicted(i, e.source.country if e.source else None,
                                 e.target.country if e.target else None, e.plover, e.modality))
    return out


def _locate(raw: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the article text's [start, end) lies in the raw story text (cleaning may move it): the piece
    itself, else the piece with whitespace runs as one space ("visited  China" in the story, "visited China"
    in the article), else its first or last 60 characters (the tail alone had placed a sentence in the next
    one, whose end it repeats)."""
    if raw == text:
        return start, end
    piece = text[start:end]
    at = raw.find(piece) if piece.strip() else -1
    if at >= 0:
        return at, at + len(piece)
    squeezed = _locate_squeezed(raw, piece)
    if squeezed is not None:
        return squeezed
    for probe in (piece[:60], piece[-60:]):
        at = raw.find(probe) if probe.strip() else -1
        if at >= 0:
            return (at, at + len(piece)) if probe is not piece[-60:] else (at + len(probe) - len(piece), at + len(probe))
    return None


def _locate_squeezed(raw: str, piece: str) -> tuple[int, int] | None:
    """Where ``piece`` lies in ``raw`` when whitespace runs count as one space (cleaning collapses "of  Kim"
    to "of Kim", and a headline with two spaces was found nowhere): from its first to its last non-space
    character, or None."""
    flat, where = _squeeze(raw)
    probe = _squeeze(piece.strip())[0]
    at = flat.find(probe) if probe else -1
    return (where[at], where[at + len(probe) - 1] + 1) if at >= 0 else None


def _squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` with each run of whitespace one space, and the index in ``text`` of each character kept."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        out.append(ch)
        where.append(i)
    return "".join(out), where


def code_inputs(pipe: Pipeline, records: list[dict[str, Any]]) -> Iterator[tuple[Any, list[Any]]]:
    """For each record: its article and, per sentence, ((start, end) in the article, the pair head's
    input), exactly as the learned coder builds them (training data for the pair head)."""
    from blocwatch.records import Failure

    for rec in records:
        art = _record_article(rec)
        if isinstance(art, Failure):
            yield art, []
            continue
        _, sents, inputs = pipe.coder.pair_inputs(pipe.nlp(art.text), art.published, art.outlet)
        yield art, [((s.start_char, s.end_char), inp) for s, inp in zip(sents, inputs)]


def _record_article(rec: dict[str, Any]) -> Any:
    """A corpus record (``id``, ``text``, ``title``, ``outlet``, ``published``) read, cleaned and dated as
    ``ingest`` reads a JSONL line: an Article, or its Failure."""
    from blocwatch.ingest.sources import to_article
    from blocwatch.records import RawDocument

    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    return to_article(RawDocument(path=str(rec["id"]), text=rec["text"], id=str(rec["id"]), title=title,
                                  outlet=rec.get("outlet"), published=rec.get("published")))
