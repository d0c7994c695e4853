"""Article → spaCy Doc → sentences, events, treaty mentions. Per document, picklable."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from blocwatch.actors import ActorResolver
from blocwatch.errors import QueryError
from blocwatch.events import EventCoder
from blocwatch.learned.coder import LearnedCoder
from blocwatch.nlp import load_nlp
from blocwatch.records import Article, Sentence
from blocwatch.store import Batch
from blocwatch.treaties import TreatyLinker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineOptions:
    batch_size: int = 32
    workers: int = 1
    actor_files: tuple[str, ...] = ()
    verb_files: tuple[str, ...] = ()
    treaty_files: tuple[str, ...] = ()
    coder: str = "learned"  # "learned" (model + rules) or "rules"
    model_dir: str | None = None  # learned coder weights; default: the ones shipped in the package


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

    def process(self, articles: Iterable[Article]) -> Iterator[Batch]:
        """One single-article Batch per input article, in input order."""
        pairs = ((a.text, a) for a in articles)
        docs = self.nlp.pipe(pairs, as_tuples=True, batch_size=self.options.batch_size,
                             n_process=max(1, self.options.workers))
        for doc, article in docs:
            yield self.analyse(doc, article)

    def analyse(self, doc: Any, article: Article) -> Batch:
        """Everything blocwatch derives from one parsed article."""
        sentences = [Sentence(article.id, i, s.start_char, s.end_char, s.text)
                     for i, s in enumerate(doc.sents)]
        events = self.coder.code(doc, doc_id=article.id, published=article.published)
        mentions = self.linker.link(doc, article_id=article.id)
        return Batch([article], sentences, events, mentions)
