"""The learned coder's model thread: overlapping the model with parsing changes nothing but speed."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from blocwatch.errors import BudgetError
from blocwatch.limits import Deadline
from blocwatch.pipeline import Pipeline, PipelineOptions
from blocwatch.records import Article, Failure
from blocwatch.store import Batch
from tests.conftest import REPO

pytestmark = pytest.mark.slow

OWN = [
    "Chinese Foreign Minister Wang Yi met his North Korean counterpart in Beijing on Monday. "
    "The two sides agreed to expand trade across the Yalu River.",
    "North Korea fired two ballistic missiles into the sea on Tuesday. Japan condemned the launch "
    "and South Korea summoned the Chinese ambassador.",
    "The weather in Pyongyang was mild. Nobody said anything of note.",
    "Russia and North Korea signed a mutual defence treaty in June 2024. Washington criticised the pact.",
]


def _articles() -> list[Article]:
    texts = OWN + [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples" / "corpus").glob("*.txt"))]
    return [Article(f"a{i:03d}", f"doc{i}.txt", t, published=date(2024, 6, 20)) for i, t in enumerate(texts)]


def _summary(results) -> list:
    out = []
    for r in results:
        if isinstance(r, Failure):
            out.append(("failure", r.path, r.reason))
        else:
            out.append(([a.id for a in r.articles], [s.text for s in r.sentences],
                        [(e.event_id, e.plover, e.cameo, e.source and e.source.code, e.target and e.target.code,
                          e.reason) for e in r.events], [m.treaty_id for m in r.mentions]))
    return out


@pytest.fixture(scope="module")
def pipelines(nlp):
    make = lambda **kw: Pipeline(PipelineOptions(batch_size=3, **kw), nlp=nlp)  # noqa: E731
    return make(model_thread=True), make(model_thread=False)


def test_overlapped_pipeline_gives_what_the_sequential_one_gives_in_order(pipelines):
    threaded, sequential = pipelines
    articles = _articles()
    got = _summary(threaded.process(articles))
    assert got == _summary(sequential.process(articles))
    assert [g[0][0] for g in got] == [a.id for a in articles]
    assert sum(len(g[2]) for g in got) >= 5  # the corpus has events: the comparison is not of empties


def test_time_budget_still_applies_on_the_model_thread(nlp):
    pipe = Pipeline(PipelineOptions(batch_size=2, doc_seconds=1e-9), nlp=nlp)
    results = list(pipe.process(_articles()[:3]))
    assert [type(r) for r in results] == [Failure] * 3
    assert all("per-document time budget" in r.reason for r in results)


class _BreaksOn(Pipeline):
    """A pipeline whose analysis has a bug on one article; it notes the threads the analysis ran on."""

    def __init__(self, broken: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.broken, self.threads = broken, set()

    def analyse(self, doc, article, deadline=None):
        self.threads.add(threading.current_thread())
        if article.id == self.broken:
            raise RuntimeError("broken on purpose")
        return super().analyse(doc, article, deadline)


def test_the_analysis_runs_on_the_second_thread_and_a_bug_there_fails_one_document(nlp):
    pipe = _BreaksOn("a001", PipelineOptions(batch_size=2), nlp=nlp)
    results = list(pipe.process(_articles()[:4]))
    assert [type(r) for r in results] == [Batch, Failure, Batch, Batch]
    assert results[1].internal and "broken on purpose" in results[1].reason and results[1].path == "doc1.txt"
    assert [r.articles[0].id for r in results if isinstance(r, Batch)] == ["a000", "a002", "a003"]
    assert threading.current_thread() not in pipe.threads and len(pipe.threads) == 1


def test_stopping_early_returns_without_coding_the_queue(pipelines):
    threaded, _ = pipelines
    stream = threaded.process(_articles())
    first = next(stream)
    stream.close()  # the consumer gives up: queued documents are cancelled, nothing raises
    assert not isinstance(first, Failure) and first.articles[0].id == "a000"


def test_a_paused_deadline_does_not_count_the_wait():
    deadline = Deadline(0.2)
    deadline.pause()
    time.sleep(0.3)
    deadline.resume()
    deadline.check("waiting")  # 0.3 s passed, but all of it paused
    time.sleep(0.25)
    with pytest.raises(BudgetError):
        deadline.check("working")
