"""The learned coder's model off the parsing thread (in a child process, or on a second thread):
overlapping the model with parsing changes nothing but speed."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from datetime import date

import pytest

from blocwatch.errors import BudgetError
from blocwatch.learned import process as model_process
from blocwatch.learned.coder import LearnedCoder
from blocwatch.learned.model import EventModel
from blocwatch.learned.pairs import PairInput
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
    return make(model_thread=True, model_process=False), make(model_thread=False)


needs_fork = pytest.mark.skipif(not model_process.available(), reason="the model process needs fork (Linux)")


@pytest.mark.parametrize("in_process", [False, pytest.param(True, marks=needs_fork)], ids=["thread", "process"])
def test_overlapped_pipeline_gives_what_the_sequential_one_gives_in_order(pipelines, nlp, in_process):
    _, sequential = pipelines
    overlapped = Pipeline(PipelineOptions(batch_size=3, model_process=in_process, model_process_min=2), nlp=nlp)
    articles = _articles()
    got = _summary(overlapped.process(articles))
    assert got == _summary(sequential.process(articles))
    assert [g[0][0] for g in got] == [a.id for a in articles]
    assert sum(len(g[2]) for g in got) >= 5  # the corpus has events: the comparison is not of empties
    assert not multiprocessing.active_children()  # the model process has ended with the run


@pytest.mark.parametrize("in_process", [False, pytest.param(True, marks=needs_fork)], ids=["thread", "process"])
def test_time_budget_still_applies_off_the_parsing_thread(nlp, in_process):
    pipe = Pipeline(PipelineOptions(batch_size=2, doc_seconds=1e-9, model_process=in_process, model_process_min=2),
                    nlp=nlp)
    results = list(pipe.process(_articles()[:3]))
    assert [type(r) for r in results] == [Failure] * 3
    assert all("per-document time budget" in r.reason for r in results)
    one_thread = Pipeline(PipelineOptions(batch_size=2, doc_seconds=1e-9, model_thread=False), nlp=nlp)
    assert [r.reason for r in results] == [r.reason for r in one_thread.process(_articles()[:3])]


class _BrokenQuestions(LearnedCoder):
    """A coder that asks the model a question it cannot answer (a pair of a country it does not have) for
    one article's text."""

    def __init__(self, coder: LearnedCoder, marker: str):
        super().__init__(coder.rules, coder._model, coder._model_dir, coder._glossary)
        self.marker = marker

    def questions(self, pending):
        asked = super().questions(pending)
        if any(self.marker in s.text for s in pending.sentences):
            return [PairInput("Nowhere met nobody.", 0, ("AAA",), (((0, 7),),), ((0, 5),))] + asked
        return asked


@needs_fork
def test_an_error_in_the_model_process_fails_that_document_alone(nlp):
    pipe = Pipeline(PipelineOptions(batch_size=2, model_process_min=2), nlp=nlp)
    pipe.coder = _BrokenQuestions(pipe.coder, "ballistic missiles")
    articles = _articles()[:4]
    results = list(pipe.process(articles))
    assert [type(r) for r in results] == [Batch, Failure, Batch, Batch]
    assert results[1].internal and "IndexError" in results[1].reason and results[1].path == "doc1.txt"
    assert sum(len(r.events) for r in results if isinstance(r, Batch)) >= 3


class _DiesAfter(model_process.ModelProcess):
    """A model process killed (SIGKILL, as the kernel's out-of-memory killer does) once asked twice."""

    def ask(self, questions, seconds, left):
        number = super().ask(questions, seconds, left)
        if number == 1:
            os.kill(self._proc.pid, signal.SIGKILL)
        return number


@needs_fork
def test_when_the_model_process_dies_the_run_goes_on_here_with_the_same_events(pipelines, nlp, monkeypatch,
                                                                               caplog):
    _, sequential = pipelines
    monkeypatch.setattr(model_process, "ModelProcess", _DiesAfter)
    monkeypatch.setattr(model_process, "POLL_SECONDS", 0.05)
    pipe = Pipeline(PipelineOptions(batch_size=3, model_process_min=2), nlp=nlp)
    articles = _articles()
    with caplog.at_level(logging.WARNING):
        got = _summary(pipe.process(articles))
    assert got == _summary(sequential.process(articles))
    assert any("the model process ended" in r.message and "coded in this process" in r.message
               for r in caplog.records)


@needs_fork
def test_stopping_early_ends_the_model_process(nlp):
    pipe = Pipeline(PipelineOptions(batch_size=2, model_process_min=2), nlp=nlp)
    stream = pipe.process(_articles())
    first = next(stream)
    assert multiprocessing.active_children()  # the child answers while the run goes on
    stream.close()
    assert not isinstance(first, Failure) and not multiprocessing.active_children()


class _Counted(model_process.ModelProcess):
    started = 0

    def __init__(self, *args, **kwargs):
        type(self).started += 1
        super().__init__(*args, **kwargs)


@needs_fork
def test_a_short_run_starts_no_model_process(pipelines, nlp, monkeypatch):
    """A child takes about half a second to start: a run of fewer documents than ``model_process_min`` keeps the
    model on a second thread, with the same events."""
    _, sequential = pipelines
    monkeypatch.setattr(model_process, "ModelProcess", _Counted)
    articles = _articles()[:5]
    short = Pipeline(PipelineOptions(batch_size=2, model_process_min=6), nlp=nlp)
    assert _summary(short.process(articles)) == _summary(sequential.process(articles))
    assert _Counted.started == 0
    long = Pipeline(PipelineOptions(batch_size=2, model_process_min=5), nlp=nlp)
    assert _summary(long.process(articles)) == _summary(sequential.process(articles))
    assert _Counted.started == 1


def test_an_error_reading_ahead_comes_after_the_articles_before_it(nlp):
    """Choosing between the child and the thread reads the first articles ahead: a source that breaks there
    still gives its articles before the break, then its error, as it does on one thread."""
    def source():
        yield from _articles()[:2]
        raise OSError("the disk went away")

    pipe = Pipeline(PipelineOptions(batch_size=2, model_process_min=5), nlp=nlp)
    got = []
    with pytest.raises(OSError, match="disk went away"):
        for result in pipe.process(source()):
            got.append(result)
    assert [r.articles[0].id for r in got] == ["a000", "a001"]


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
    pipe = _BreaksOn("a001", PipelineOptions(batch_size=2, model_process=False), nlp=nlp)
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


def test_a_deadline_says_what_is_left_and_counts_work_done_elsewhere():
    assert Deadline(None).left() is None
    deadline = Deadline(10.0)
    assert 9.0 < deadline.left() <= 10.0
    deadline.pause()
    paused = deadline.left()
    time.sleep(0.05)
    assert deadline.left() == paused  # a paused clock does not run
    deadline.resume()
    deadline.charge(10.0)  # ten seconds of work in the model process
    assert deadline.left() < 0
    with pytest.raises(BudgetError):
        deadline.check("finishing")


class _Fat:
    """A model whose every answer is 200 kB: a few fill the pipe."""

    def predict(self, texts):
        return [b"x" * 200_000 for _ in texts]


def _gone(pid: int) -> bool:
    """The process has ended (a zombie nobody reaps counts as ended)."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
            return any(line.startswith("State:") and "Z" in line.split()[1] for line in fh)
    except FileNotFoundError:
        return True


@needs_fork
def test_the_model_process_ends_when_its_parent_is_killed(tmp_path):
    """A parent killed with SIGKILL cannot close its child: the child, blocked writing answers nobody reads,
    notices and ends, not waiting forever."""
    import subprocess
    import sys

    script = ("import sys, time\n"
              "from blocwatch.learned.process import ModelProcess\n"
              "class Fat:\n"
              "    def predict(self, texts):\n"
              "        return [b'x' * 200_000 for _ in texts]\n"
              "mp = ModelProcess(Fat())\n"
              "for _ in range(40):  # answers the parent never reads: the child blocks writing them\n"
              "    mp.ask(['Chile and Peru signed a trade accord on Monday.'], None, None)\n"
              "time.sleep(2)\n"
              "print(mp._proc.pid, flush=True)\n"
              "time.sleep(120)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert not _gone(child)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 30
        while not _gone(child) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _gone(child)
    finally:
        parent.kill()


@needs_fork
def test_ctrl_c_is_the_parents_to_handle():
    """Ctrl-C reaches every process of the terminal's group: the child ignores it (no traceback of its own)
    and keeps answering until the parent closes it."""
    with model_process.ModelProcess(EventModel.load()) as service:
        service.answer(service.ask(["Chile and Peru signed a trade accord on Monday."], None, None))  # loaded
        os.kill(service._proc.pid, signal.SIGINT)
        time.sleep(0.5)
        answers, _, error = service.answer(service.ask(["Kenya accused Uganda of spying."], None, None))
        assert error is None and len(answers) == 1 and answers[0].label
    assert not service._proc.is_alive()


@needs_fork
def test_a_child_killed_while_writing_answers_is_seen_as_gone():
    """Answers pile up unread while the parent parses; a child killed part-way through writing one leaves an end
    of file, not a wait for the rest of it."""
    from concurrent.futures import ThreadPoolExecutor

    service = model_process.ModelProcess(_Fat())
    try:
        numbers = [service.ask(["Chile and Peru signed a trade accord on Monday."], None, None) for _ in range(40)]
        time.sleep(2)  # the child has answered some and blocks writing the next (the pipe holds 1 MiB)
        os.kill(service._proc.pid, signal.SIGKILL)
        with ThreadPoolExecutor(1) as pool:
            reading = pool.submit(lambda: [service.answer(n) for n in numbers])
            with pytest.raises(model_process.ModelGone):
                reading.result(timeout=30)
    finally:
        service.close()
    assert not service._proc.is_alive() and not service._sender.is_alive()


class _Silent:
    """The shipped model, except that the pair head never sees an event."""

    def __init__(self, model):
        self._model = model

    def __getattr__(self, name):
        return getattr(self._model, name)

    def predict_pairs(self, inputs):
        import numpy as np

        none = self._model.pair_labels.index("NONE")
        out = []
        for probs, span in self._model.predict_pairs(inputs):
            silent = np.zeros_like(probs)
            silent[:, none] = 1.0
            out.append((silent, span))
        return out


@needs_fork
def test_the_child_answers_with_the_coders_own_model(pipelines, nlp):
    """A coder given its own model object (not the shipped one from a directory) gets the same events with the
    model in the child as on one thread: the child answers with that object."""
    _, sequential = pipelines
    articles = _articles()
    silent = LearnedCoder(sequential.coder.rules, model=_Silent(sequential.coder.model))
    one = Pipeline(PipelineOptions(model_thread=False), nlp=nlp)
    one.coder = silent
    child = Pipeline(PipelineOptions(batch_size=3, model_process_min=2), nlp=nlp)
    child.coder = silent
    expected = _summary(one.process(articles))
    assert _summary(child.process(articles)) == expected
    assert expected != _summary(sequential.process(articles))  # the silent model does change the events


class _Slow:
    """A model that takes ``seconds`` over each text (a stand-in for a child that is stuck)."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def predict(self, texts):
        time.sleep(self.seconds)
        return [None for _ in texts]


@needs_fork
def test_a_child_that_does_not_answer_in_time_is_given_up():
    service = model_process.ModelProcess(_Slow(60))
    try:
        started = time.monotonic()
        with pytest.raises(model_process.ModelGone, match="has not answered"):
            service.answer(service.ask(["Chile and Peru signed a trade accord."], None, None), patience=1.0)
        assert time.monotonic() - started < 10
    finally:
        service.close()
    assert not service._proc.is_alive()


@needs_fork
def test_closing_early_ends_the_child_even_where_the_host_ignores_sigterm():
    """A host (a web server) may set a SIGTERM handler that the forked child inherits; a child blocked writing
    answers nobody reads still ends at once when closed, by a broken pipe, not a signal."""
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        service = model_process.ModelProcess(_Fat())
        for _ in range(40):
            service.ask(["Chile and Peru signed a trade accord on Monday."], None, None)
        time.sleep(2)  # the child blocks writing answers
        started = time.monotonic()
        service.close()
        assert time.monotonic() - started < 3
        assert service._proc.exitcode == 0 and not service._sender.is_alive()
    finally:
        signal.signal(signal.SIGTERM, previous)


@needs_fork
def test_two_model_processes_at_once_each_end_cleanly():
    """A child forked for a second run must not hold the first run's pipe ends: the first child then sees the
    end of its questions when closed, and ends on its own (exit code 0), not killed."""
    first = model_process.ModelProcess(EventModel.load())
    second = model_process.ModelProcess(EventModel.load())
    try:
        first.answer(first.ask(["Chile and Peru signed a trade accord on Monday."], None, None))
        first.close()
        assert first._proc.exitcode == 0
        answers, _, error = second.answer(second.ask(["Kenya accused Uganda of spying."], None, None))
        assert error is None and answers[0].label
    finally:
        second.close()
    assert second._proc.exitcode == 0


class _Unpicklable(str):
    """A sentence text that cannot cross to the child (it carries a function)."""

    def __new__(cls, text):
        made = super().__new__(cls, text)
        made.hook = lambda: None
        return made


class _OddQuestions(LearnedCoder):
    def __init__(self, coder: LearnedCoder):
        super().__init__(coder.rules, coder._model, coder._model_dir, coder._glossary)

    def questions(self, pending):
        return [_Unpicklable(q) if isinstance(q, str) else q for q in super().questions(pending)]


@needs_fork
def test_a_question_the_child_cannot_receive_is_answered_here(pipelines, nlp):
    """A story whose questions cannot be sent is coded in this process: the run goes on, with the same events."""
    _, sequential = pipelines
    articles = _articles()
    pipe = Pipeline(PipelineOptions(batch_size=3, model_process_min=2), nlp=nlp)
    pipe.coder = _OddQuestions(pipe.coder)
    assert _summary(pipe.process(articles)) == _summary(sequential.process(articles))


@needs_fork
def test_the_pipes_hold_a_megabyte_where_linux_allows():
    import fcntl

    with open("/proc/sys/fs/pipe-max-size", encoding="utf-8") as fh:
        if int(fh.read()) < model_process.PIPE_BYTES:
            pytest.skip("this system caps pipes under 1 MiB")
    with model_process.ModelProcess(EventModel.load()) as service:
        assert fcntl.fcntl(service._answer_read.fileno(), 1032) >= model_process.PIPE_BYTES  # F_GETPIPE_SZ
