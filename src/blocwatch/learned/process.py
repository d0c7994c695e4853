"""The learned coder's model in a child process, so that it does not share this interpreter's lock.

On one worker the pipeline parses, resolves actors, combines the model's answers with the rules and
stores, while the model (tokenizer, encoder, pair head: ``learned.model.answer``) reads the questions of the
documents already parsed. On a second thread of the same process the two halves take turns at
Python's interpreter lock; in a child process they run side by side. What the child reads and returns
is plain data (``LearnedCoder.questions``: texts and pair inputs; probabilities and span guesses), so the
events are the same to the bit as on one thread (``tests/test_model_process.py``).

The child is forked (Linux) and answers stories in the order it is asked; it holds no state but the model,
in a local variable of ``_serve``. Two one-way pipes join the processes, each end held by one process
only, so either side sees the other's end: a child that dies mid-answer is an end of file to the parent
(``ModelGone``), a parent that dies is one to the child, which then exits. Questions are pickled by the
caller and written by a sender thread, so ``ask`` never blocks on a full pipe; the child writes its answers
itself, and they are read as the pipeline needs them.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.util
import pickle
import queue
import signal
import sys
import threading
import time
import traceback
import warnings
from dataclasses import replace
from typing import Any

from blocwatch.errors import ModelError
from blocwatch.learned.pairs import PairInput
from blocwatch.limits import Deadline

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0  # how often a wait for an answer checks that the child is alive
CLOSE_SECONDS = 1.0  # how long closing waits for the child to end before it is stopped (it is idle at a run's end)
PIPE_BYTES = 1 << 20  # each pipe's capacity, where Linux allows it


def available() -> bool:
    """Whether a model process can be started here: forking, on Linux, from a process that may have children
    (a Dask worker is a daemonic process, which may not); elsewhere the pipeline uses a second thread."""
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


class ModelGone(ModelError):
    """The model process ended, or its answer could not be read."""


class ModelProcess:
    """A child process answering the model's questions story by story, in the order asked.

    ``model`` is the coder's model: a shipped ``EventModel`` is loaded again in the child from its directory
    (a session made before a fork is not relied on); any other model object is used as the fork left it."""

    def __init__(self, model: Any):
        ctx = multiprocessing.get_context("fork")
        ask_read, self._ask_write = ctx.Pipe(duplex=False)
        self._answer_read, answer_write = ctx.Pipe(duplex=False)
        for end in (ask_read, self._answer_read):
            _widen(end)
        # no child forked from now on (this one, another ModelProcess's, spaCy's workers) holds this one's
        # parent ends open
        multiprocessing.util.register_after_fork(self, ModelProcess._close_parent_ends)
        self._proc = ctx.Process(target=_serve, args=(model, ask_read, answer_write), name="blocwatch-model",
                                 daemon=True)
        with warnings.catch_warnings():  # Python 3.12+ warns of any thread at a fork; OpenBLAS's are fork-safe
            warnings.filterwarnings("ignore", message=".*use of fork\\(\\) may lead to deadlocks.*")
            self._proc.start()
        ask_read.close()  # the child's ends: only the child holds them now
        answer_write.close()
        self._outbox: queue.Queue[bytes | None] = queue.Queue()
        self._sender = threading.Thread(target=_send_all, args=(self._outbox, self._ask_write),
                                        name="blocwatch-model-asks", daemon=True)
        self._sender.start()
        self._asked = 0
        self._answered = 0

    def ask(self, questions: list[PairInput | str | None], seconds: float | None, left: float | None) -> int:
        """Queue one story's questions (``seconds``: its time budget, ``left``: what is left of it; None for
        none); returns its number. Never blocks: a sender thread writes to the pipe."""
        self._outbox.put(pickle.dumps((self._asked, [_portable(q) for q in questions], seconds, left),
                                      pickle.HIGHEST_PROTOCOL))
        self._asked += 1
        return self._asked - 1

    def ready(self) -> bool:
        """Whether the next answer (or the child's end) is waiting to be read; never waits."""
        return self._answer_read.poll()

    def answer(self, number: int, patience: float | None = None) -> tuple[list[Any] | None, float,
                                                                        BaseException | None]:
        """The answers to story ``number``, which must be the oldest unanswered one: (answers, seconds the
        child worked on it, None), or (None, seconds, the exception it raised). Raises ModelGone when the
        child has ended, its answer cannot be read, or it has not answered within ``patience`` seconds (every
        earlier answer is read, so the child has been working on this story alone: stuck)."""
        if number != self._answered:
            raise ValueError(f"answers come in order: story {self._answered} is next, not {number}")
        waited = time.monotonic()
        while not self._answer_read.poll(POLL_SECONDS):
            if not self._proc.is_alive() and not self._answer_read.poll():
                raise self._gone()
            if patience is not None and time.monotonic() - waited > patience:
                raise ModelGone(f"the model process has not answered in {patience:g} s")
        try:
            got, answers, spent, error = pickle.loads(self._answer_read.recv_bytes())
        except (EOFError, OSError) as exc:
            raise self._gone() from exc
        except Exception as exc:  # noqa: BLE001 - an answer that cannot be unpickled
            raise ModelGone(f"the model process's answer could not be read ({type(exc).__name__}: {exc})") from exc
        if got != number:
            raise ModelGone(f"the model process answered story {got} instead of {number}")
        self._answered += 1
        return answers, spent, _as_exception(error)

    def _gone(self) -> ModelGone:
        return ModelGone(f"the model process ended (exit code {self._proc.exitcode}) before answering")

    def close(self) -> None:
        """End the child and the sender thread; unread answers and unasked questions are dropped. At a run's
        end the child is idle and ends at the end of its questions; when the run stops early (an error, Ctrl-C,
        a consumer that stops reading) its next answer meets a closed pipe and it ends; one that does neither
        within CLOSE_SECONDS is killed. Closing twice does nothing more."""
        self._answer_read.close()
        self._outbox.put(None)
        self._proc.join(CLOSE_SECONDS)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()
        self._sender.join(CLOSE_SECONDS)  # writing to an ended child, it meets a broken pipe and stops

    def _close_parent_ends(self) -> None:
        """In a process forked after this one was made: drop the parent's ends of its pipes."""
        self._ask_write.close()
        self._answer_read.close()

    def __enter__(self) -> "ModelProcess":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _widen(end: Any) -> None:
    """Let a pipe hold up to 1 MiB (Linux's default, 64 KiB, is a few stories' answers), so that the child goes
    on answering while the parent parses a batch; where the system refuses, the pipe stays as it is."""
    try:
        import fcntl

        fcntl.fcntl(end.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass


def _send_all(outbox: "queue.Queue[bytes | None]", pipe: Any) -> None:
    """The parent's sender thread: write each pickled story to the child until told None, then close the
    pipe (the child reads its end of file and exits)."""
    try:
        while (data := outbox.get()) is not None:
            pipe.send_bytes(data)
    except OSError:  # the child has ended: nobody reads the questions any more
        pass
    finally:
        pipe.close()


def _portable(question: PairInput | str | None) -> PairInput | str | None:
    """A question without what the model does not read (a pair input's actor mentions hold spaCy spans)."""
    return replace(question, mentions=()) if isinstance(question, PairInput) else question


def _serve(model: Any, asks: Any, answers: Any) -> None:
    """The child: answer each story asked until the parent's pipe ends. Ctrl-C is the parent's to handle
    (it closes the child); a parent that dies closes the pipe, and the child exits."""
    from blocwatch.learned.model import EventModel, answer

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not a handler the host process set
    if isinstance(model, EventModel) and model.directory is not None:
        model = EventModel.load(model.directory, gate=False)
    try:
        while True:
            try:
                number, questions, seconds, left = pickle.loads(asks.recv_bytes())
            except EOFError:
                return
            started = time.monotonic()
            try:
                out = answer(model, questions, Deadline.with_left(seconds, left))
                reply = (number, out, time.monotonic() - started, None)
            except Exception as exc:  # noqa: BLE001 - the story's Failure, made by the parent
                reply = (number, None, time.monotonic() - started, _carried(exc))
            answers.send_bytes(pickle.dumps(reply, pickle.HIGHEST_PROTOCOL))
    except OSError:  # the parent has ended: nobody reads the answers
        return


def _carried(exc: Exception) -> tuple[Any, str]:
    """An exception as the parent can receive it (itself where it pickles, else its type and text) with its
    traceback's text."""
    text = "".join(traceback.format_exception(exc))
    try:
        pickle.loads(pickle.dumps(exc))
        return exc, text
    except Exception:  # noqa: BLE001 - any exception that will not pickle
        return RuntimeError(f"{type(exc).__name__}: {exc}"), text


def _as_exception(error: tuple[BaseException, str] | None) -> BaseException | None:
    """The child's exception; its traceback, lost in pickling, goes to the debug log."""
    if error is None:
        return None
    exc, text = error
    log.debug("in the model process:\n%s", text)
    return exc
