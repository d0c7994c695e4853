"""The learned coder's model in a child process, so that it does not share this interpreter's lock.

On one worker the pipeline parses, resolves actors, combines the model's answers with the rules and
stores, while the model (tokenizer, encoder, pair head: ``learned.model.answer``) reads the questions of the
documents already parsed. On a second thread of the same process the two halves take turns at
Python's interpreter lock; in a child process they run side by side. What the child reads and returns
is plain data (``LearnedCoder.questions``: texts and pair inputs; probabilities and span guesses), so the
events are the same to the bit as on one thread (``tests/test_model_process.py``).

The child is forked (Linux), loads its own copy of the model and answers stories in the order it is
asked. It holds no state but the model, in a local variable of ``_serve``.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import signal
import sys
import time
import traceback
from dataclasses import replace
from typing import Any

from blocwatch.errors import ModelError
from blocwatch.learned.pairs import PairInput
from blocwatch.limits import Deadline

POLL_SECONDS = 1.0  # how often a wait for an answer checks that the child is alive
CLOSE_SECONDS = 1.0  # how long closing waits for the child to end before it is stopped (it is idle at a run's end)


def available() -> bool:
    """Whether a model process can be started here: forking, on Linux, from a process that may have children
    (a Dask worker is a daemonic process, which may not); elsewhere the pipeline uses a second thread."""
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


class ModelGone(ModelError):
    """The model process ended before answering (killed, out of memory)."""


class ModelProcess:
    """A child process answering the model's questions story by story, in the order asked."""

    def __init__(self, model_dir: str | None = None):
        ctx = multiprocessing.get_context("fork")
        self._asks: Any = ctx.Queue()
        self._answers: Any = ctx.Queue()
        self._proc = ctx.Process(target=_serve, args=(model_dir, self._asks, self._answers, os.getpid()),
                                 name="blocwatch-model", daemon=True)
        self._proc.start()
        self._asked = 0
        self._answered = 0

    def ask(self, questions: list[PairInput | str | None], seconds: float | None) -> int:
        """Queue one story's questions (``seconds``: its time budget left, None for none); returns its number."""
        self._asks.put((self._asked, [_portable(q) for q in questions], seconds))
        self._asked += 1
        return self._asked - 1

    def ready(self) -> bool:
        """Whether the next answer has (probably) arrived; a hint, never a wait."""
        return not self._answers.empty()

    def answer(self, number: int) -> tuple[list[Any] | None, float, BaseException | None]:
        """The answers to story ``number``, which must be the oldest unanswered one: (answers, seconds the
        child worked on it, None), or (None, seconds, the exception it raised). Raises ModelGone when the
        child has ended."""
        if number != self._answered:
            raise ValueError(f"answers come in order: story {self._answered} is next, not {number}")
        while True:
            try:
                got, answers, spent, error = self._answers.get(timeout=POLL_SECONDS)
                break
            except queue.Empty:
                if not self._proc.is_alive():
                    raise ModelGone(f"the model process ended (exit code {self._proc.exitcode}) "
                                    "before answering") from None
        if got != number:
            raise ModelGone(f"the model process answered story {got} instead of {number}")
        self._answered += 1
        return answers, spent, _as_exception(error)

    def close(self) -> None:
        """End the child: at a run's end it is idle and ends when told; when the run stops early (an error,
        Ctrl-C, a consumer that stops reading) it is stopped after CLOSE_SECONDS, its unread questions dropped."""
        if self._proc.is_alive():
            self._asks.put(None)
            self._proc.join(CLOSE_SECONDS)
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()
        for q in (self._asks, self._answers):
            q.close()
            q.cancel_join_thread()  # unread answers of abandoned stories are dropped, not waited on

    def __enter__(self) -> "ModelProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _portable(question: PairInput | str | None) -> PairInput | str | None:
    """A question without what the model does not read (a pair input's actor mentions hold spaCy spans)."""
    return replace(question, mentions=()) if isinstance(question, PairInput) else question


def _serve(model_dir: str | None, asks: Any, answers: Any, parent: int) -> None:
    """The child: load the model, then answer each story asked until asked None, or until the parent
    (process id ``parent``) is gone. Ctrl-C is the parent's to handle: it closes the child."""
    from blocwatch.learned.model import EventModel, answer

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    model = EventModel.load(model_dir, gate=False)
    while True:
        try:
            ask = asks.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != parent:  # the parent was killed: nobody will read the answers
                return
            continue
        if ask is None:
            return
        number, questions, seconds = ask
        started = time.monotonic()
        try:
            out = answer(model, questions, Deadline(None if seconds is None else max(seconds, 1e-9)))
            answers.put((number, out, time.monotonic() - started, None))
        except Exception as exc:  # noqa: BLE001 - the story's Failure, made by the parent
            answers.put((number, None, time.monotonic() - started, _carried(exc)))


def _carried(exc: Exception) -> tuple[str, Any]:
    """An exception as the parent can receive it: itself where it pickles, else its type, text and traceback."""
    try:
        pickle.loads(pickle.dumps(exc))
        return ("exception", exc)
    except Exception:  # noqa: BLE001 - any exception that will not pickle
        return ("text", f"{type(exc).__name__}: {exc}\n{''.join(traceback.format_exception(exc))}")


def _as_exception(error: tuple[str, Any] | None) -> BaseException | None:
    if error is None:
        return None
    kind, value = error
    if kind == "exception":
        return value
    return RuntimeError(value.splitlines()[0] if value else "error in the model process")

