"""Article → spaCy Doc → sentences, events, treaty mentions. Per document, picklable.

Each document is isolated: whatever goes wrong with one (over a budget, or a bug) becomes that
document's Failure, and the rest of the stream goes on.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from blocwatch.errors import BlocwatchError, QueryError
from blocwatch.events import EventCoder
from blocwatch.events.dates import before_ended_states
from blocwatch.learned import process as model_process
from blocwatch.learned.coder import LearnedCoder, Pending
from blocwatch.learned.model import answer
from blocwatch.limits import DOC_SECONDS, MAX_SENTENCES, Deadline, parse_extent
from blocwatch.nlp import load_nlp
from blocwatch.records import Article, Failure, Sentence, internal_failure
from blocwatch.store import Batch
from blocwatch.treaties import TreatyLinker

log = logging.getLogger(__name__)

ALONE_CHARS = 50_000  # a document this long is parsed on its own, so its parse time is its own
PATIENCE = 30.0  # seconds beyond a document's budget after which a model process that has not answered is stuck


@dataclass(frozen=True)
class PipelineOptions:
    batch_size: int = 32
    workers: int = 1
    actor_files: tuple[str, ...] = ()
    verb_files: tuple[str, ...] = ()
    treaty_files: tuple[str, ...] = ()
    coder: str = "learned"  # "learned" (model + rules) or "rules"
    model_dir: str | None = None  # learned coder weights; default: the ones shipped in the package
    doc_seconds: float | None = DOC_SECONDS  # per-document time budget; None: no limit
    max_sentences: int = MAX_SENTENCES  # sentences parsed and coded per document
    model_thread: bool = True  # learned coder, one worker: the model overlaps parsing (see model_process)
    model_process: bool = True  # ... in a child process where one can be forked (Linux); else on a second thread
    model_process_min: int = 32  # ... for runs of at least this many documents (a child's start is ~0.5 s)


CODERS = ("learned", "rules")


def make_coder(options: PipelineOptions) -> EventCoder | LearnedCoder:
    """The coder the options name; the learned one loads its weights on first use."""
    rules = EventCoder.from_package(options.actor_files, options.verb_files)
    if options.coder == "rules":
        return rules
    if options.coder == "learned":
        return LearnedCoder(rules, model_dir=options.model_dir)
    raise QueryError(f"unknown coder {options.coder!r} (choose: {', '.join(CODERS)})")


class Pipeline:
    """Holds the loaded model and knowledge; turns articles into store batches."""

    def __init__(self, options: PipelineOptions = PipelineOptions(), nlp: Any = None):
        self.options = options
        self.nlp = nlp if nlp is not None else load_nlp()
        self.coder = make_coder(options)
        self.linker = TreatyLinker.from_package(options.treaty_files)
        self._states = getattr(self.coder, "rules", self.coder).resolver.kb.states  # states that no longer exist

    def process(self, articles: Iterable[Article]) -> Iterator[Batch | Failure]:
        """One single-article Batch per input article, in input order, or that article's Failure."""
        # with parser processes (workers > 1) the cores are busy already, and spaCy forks its workers
        # whenever a parser run starts: no thread may be running then
        if self.options.model_thread and self.options.workers <= 1 and isinstance(self.coder, LearnedCoder):
            if self.options.model_process and model_process.available():
                head, rest = _first(articles, self.options.model_process_min)
                if len(head) >= self.options.model_process_min:
                    yield from self._with_model_process(chain(head, rest))
                    return
                articles = chain(head, rest)  # a short run: the child would take longer to start than to help
            yield from self._overlapped(articles)
            return
        for article, doc, deadline in self._parsed(articles):
            if isinstance(doc, Failure):
                yield doc
                continue
            yield _guarded(article, lambda: self.analyse(doc, article, deadline))

    def _overlapped(self, articles: Iterable[Article]) -> Iterator[Batch | Failure]:
        """``process`` for the learned coder: while spaCy parses the next documents on this thread, a
        second thread analyses documents already parsed (actors, the model, the rules, treaty links:
        ``analyse``, as on one thread). Each document's clock runs only while that thread works on it;
        results come out in input order, as in ``process``.

        The second thread takes the whole analysis, not only the model: parsing (and the caller's
        storing) keep this thread busy enough. On 500 KCNA stories with the model alone over there,
        this thread worked 20.5 s of CPU and that one 14 s; now 18 s and 16.5 s. Once handed over, a
        Doc is touched by the second thread only; spaCy's shared vocabulary is read there while this
        thread parses, each under the GIL."""
        ahead = max(2, 2 * self.options.batch_size)  # documents in flight: about two parser batches
        pool = ThreadPoolExecutor(1, thread_name_prefix="blocwatch-model")
        flight: deque[_InFlight] = deque()
        broke: Exception | None = None
        try:
            try:
                for article, doc, deadline in self._parsed(articles):
                    flight.append(self._launch(pool, article, doc, deadline))
                    while flight and (len(flight) > ahead or flight[0].done()):
                        yield flight.popleft().result()
            except Exception as exc:  # noqa: BLE001 - reading the inputs broke: the documents read before come first
                broke = exc
            while flight:
                yield flight.popleft().result()
            if broke is not None:
                raise broke
        finally:  # also when the consumer stops early: queued documents are dropped, not run
            pool.shutdown(wait=True, cancel_futures=True)

    def _with_model_process(self, articles: Iterable[Article]) -> Iterator[Batch | Failure]:
        """``process`` for the learned coder with the model in a child process (``learned.process``): this
        process parses, resolves actors and asks the model (``LearnedCoder.prepare``, ``questions``), then,
        once the child has answered, combines the answers with the rules and links treaties (``finish``,
        ``_batch``), as ``analyse`` does on one thread, while the child reads the next documents' questions.
        Results come out in input order. A document's clock runs while either process works on it. Should
        the child end (killed, out of memory), the documents it had not answered and the rest of the run
        are coded on this process, with a warning.

        On 500 KCNA stories the model is about 40% of the CPU time of ingest; on a second thread of this
        process it took turns with parsing at the interpreter lock (README, "Speed")."""
        ahead = max(2, 2 * self.options.batch_size)  # documents in flight: about two parser batches
        coder = self.coder
        assert isinstance(coder, LearnedCoder)
        # the coder's model, loaded here: a missing or broken one is this process's error, said once
        service: model_process.ModelProcess | None = model_process.ModelProcess(coder.model)
        flight: deque[_Asked] = deque()
        broke: Exception | None = None
        try:
            try:
                for article, doc, deadline in self._parsed(articles):
                    flight.append(self._ask(service, article, doc, deadline))
                    while flight and (len(flight) > ahead or flight[0].number is None or service is None
                                      or service.ready()):
                        result, service = self._answered(service, flight.popleft())
                        yield result
            except Exception as exc:  # noqa: BLE001 - reading the inputs broke: the documents read before come first
                broke = exc
            while flight:
                result, service = self._answered(service, flight.popleft())
                yield result
            if broke is not None:
                raise broke
        finally:  # also when the consumer stops early: the child ends, unanswered questions are dropped
            if service is not None:
                service.close()

    def _ask(self, service: "model_process.ModelProcess | None", article: Article, doc: Any,
             deadline: Deadline) -> "_Asked":
        """Prepare one parsed document and ask the model process its questions (answered at once, here,
        when there is no model process any more)."""
        if isinstance(doc, Failure):
            return _Asked(article, doc, deadline, result=doc)
        coder = self.coder
        assert isinstance(coder, LearnedCoder)
        try:
            pending = coder.prepare(doc, published=article.published, max_sentences=self.options.max_sentences,
                                    outlet=article.outlet)
            questions = coder.questions(pending)
        except Exception as exc:  # noqa: BLE001 - this document's Failure, as _guarded makes it
            return _Asked(article, doc, deadline, result=_failure(article, exc))
        if service is not None:
            try:
                number = service.ask(questions, deadline.seconds, deadline.left())
            except Exception as exc:  # noqa: BLE001 - a question the exchange cannot carry: coded here
                log.debug("%s: its questions stay in this process (%s)", article.path, exc)
            else:
                deadline.pause()
                return _Asked(article, doc, deadline, pending=pending, number=number, questions=questions)
        answers = _guarded(article, lambda: answer(coder.model, questions, deadline))
        if isinstance(answers, Failure):
            return _Asked(article, doc, deadline, result=answers)
        return _Asked(article, doc, deadline, pending=pending, answers=answers)

    def _answered(self, service: "model_process.ModelProcess | None",
                  asked: "_Asked") -> tuple[Batch | Failure, "model_process.ModelProcess | None"]:
        """One document's result, once its answers are in; and the model process, or None once it has ended."""
        if asked.result is not None:
            return asked.result, service
        asked.deadline.resume()
        answers = asked.answers
        if answers is None and service is not None and asked.number is not None:
            try:
                budget = asked.deadline.seconds
                answers, spent, error = service.answer(asked.number, budget + PATIENCE if budget else None)
            except Exception as exc:  # noqa: BLE001 - ModelGone, or a bug of the exchange: go on here
                log.warning("%s; the rest of the run is coded in this process", exc)
                service.close()
                service = None
            else:
                asked.deadline.charge(spent)
                if error is not None:
                    return _failure(asked.article, error), service
        coder = self.coder
        assert isinstance(coder, LearnedCoder) and asked.pending is not None
        pending = asked.pending

        def finish() -> Batch:
            found = answers if answers is not None else answer(coder.model, asked.questions or [], asked.deadline)
            events = coder.finish(pending, found, doc_id=asked.article.id, deadline=asked.deadline)
            return self._batch(asked.doc, asked.article, events, asked.deadline)

        return _guarded(asked.article, finish), service

    def _launch(self, pool: ThreadPoolExecutor, article: Article, doc: Any, deadline: Deadline) -> "_InFlight":
        if isinstance(doc, Failure):
            return _InFlight(doc)
        deadline.pause()
        return _InFlight(None, pool.submit(self._analyse_on_thread, doc, article, deadline))

    def _analyse_on_thread(self, doc: Any, article: Article, deadline: Deadline) -> Batch | Failure:
        """The second thread's job for one document: its clock runs only while this thread works on it."""
        deadline.resume()
        try:
            return _guarded(article, lambda: self.analyse(doc, article, deadline))
        finally:
            deadline.pause()

    def analyse(self, doc: Any, article: Article, deadline: Deadline | None = None) -> Batch:
        """Everything blocwatch derives from one parsed article."""
        deadline = deadline or Deadline(None)
        events = self.coder.code(doc, doc_id=article.id, published=article.published, deadline=deadline,
                                 max_sentences=self.options.max_sentences, outlet=article.outlet)
        return self._batch(doc, article, events, deadline)

    def _batch(self, doc: Any, article: Article, events: list, deadline: Deadline) -> Batch:
        """The article's store batch: its sentences, the coded ``events`` and its treaty mentions."""
        sents = list(islice(doc.sents, self.options.max_sentences))
        if len(doc.text) < len(article.text) or len(sents) == self.options.max_sentences:
            log.warning("%s: only the first %d sentences are coded (--max-sentences)", article.path, len(sents))
        sentences = [Sentence(article.id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(sents)]
        events = before_ended_states(events, self._states, article.published)
        deadline.check("linking treaties")
        mentions = self.linker.link(doc, article_id=article.id, max_sentences=self.options.max_sentences)
        deadline.check("linking treaties")
        return Batch([article], sentences, events, mentions)

    def _parsed(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Any, Deadline]]:
        """(article, Doc or Failure, deadline) in input order. A long document is parsed alone;
        short ones in batches, and a batch the parser fails on is parsed again one by one."""
        source = _Peekable(articles)
        while (head := source.peek()) is not None:
            if len(head.text) > ALONE_CHARS:
                source.pop()
                deadline = Deadline(self.options.doc_seconds)
                yield head, self._parse_one(head), deadline
            else:
                yield from self._parse_run(source)
        if source.error is not None:
            raise source.error  # reading the inputs broke: not a document's fault

    def _parse_run(self, source: "_Peekable") -> Iterator[tuple[Article, Any, Deadline]]:
        pending: deque[Article] = deque()

        def feed() -> Iterator[tuple[str, Article]]:
            while (a := source.peek()) is not None and len(a.text) <= ALONE_CHARS:
                pending.append(source.pop())
                yield self._extent(a), a

        try:
            for doc, article in self.nlp.pipe(feed(), as_tuples=True, batch_size=self.options.batch_size,
                                              n_process=max(1, self.options.workers)):
                pending.popleft()
                yield article, doc, Deadline(self.options.doc_seconds)
        except Exception as exc:  # noqa: BLE001 - find the document that broke the batch
            if source.error is not None:
                return
            log.debug("parsing a batch failed (%s); parsing its documents one by one", exc)
            while pending:
                article = pending.popleft()
                deadline = Deadline(self.options.doc_seconds)
                yield article, self._parse_one(article), deadline

    def _parse_one(self, article: Article) -> Any:
        try:
            return self.nlp(self._extent(article))
        except Exception as exc:  # noqa: BLE001 - spaCy raised on this text
            return internal_failure(article.path, exc)

    def _extent(self, article: Article) -> str:
        return article.text[:parse_extent(article.text, self.options.max_sentences)]


@dataclass
class _InFlight:
    """A parsed document whose analysis may still be running (or its parse Failure)."""

    failure: Failure | None
    future: Future | None = None

    def done(self) -> bool:
        return self.future is None or self.future.done()

    def result(self) -> Batch | Failure:
        return self.failure if self.future is None else self.future.result()


@dataclass
class _Asked:
    """A parsed document on its way through the model process: its ``result`` where it is settled already
    (a Failure), else its prepared state and its story ``number`` in the model process (or its ``answers``,
    where they were computed here)."""

    article: Article
    doc: Any
    deadline: Deadline
    result: Batch | Failure | None = None
    pending: Pending | None = None
    number: int | None = None
    questions: list | None = None
    answers: list | None = None


def _first(articles: Iterable[Article], n: int) -> tuple[list[Article], Iterator[Article]]:
    """The first ``n`` articles and an iterator over the rest; an error of the source while reading ahead is
    raised by the rest, after the articles read before it (as ``_Peekable`` keeps it)."""
    it = iter(articles)
    head: list[Article] = []
    try:
        head.extend(islice(it, n))
    except Exception as exc:  # noqa: BLE001 - re-raised in its turn, by the rest
        return head, _raising(exc)
    return head, it


def _raising(exc: BaseException) -> Iterator[Article]:
    raise exc
    yield  # a generator: raises when read


def _guarded(article: Article, work: Callable[[], Any]) -> Any:
    """``work()``, or the article's Failure when it raises: one document's error never ends the run."""
    try:
        return work()
    except Exception as exc:  # noqa: BLE001 - one document's bug must not end the run
        return _failure(article, exc)


def _failure(article: Article, exc: BaseException) -> Failure:
    """The article's Failure for an error: its message where blocwatch raised it, else an internal one (a bug)."""
    if isinstance(exc, BlocwatchError):
        return Failure(article.path, exc.message)
    return internal_failure(article.path, exc)


class _Peekable:
    """An iterator with one item of look-ahead; an exception from the source ends it and is kept."""

    def __init__(self, items: Iterable[Article]):
        self._it = iter(items)
        self._head: list[Article] = []
        self.error: Exception | None = None

    def peek(self) -> Article | None:
        if not self._head and self.error is None:
            try:
                self._head.extend(islice(self._it, 1))
            except Exception as exc:  # noqa: BLE001 - re-raised by the consumer, outside the parser
                self.error = exc
        return self._head[0] if self._head else None

    def pop(self) -> Article | None:
        found = self.peek()
        self._head.clear()
        return found

