"""Scale-out on Dask: workers parse and code chunks of articles; the caller stays the one writer.

Each worker builds its own ``Pipeline`` once (kept on the worker object) and returns
plain ``Batch`` records, so the code that runs here is the same that runs in one process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice

from blocwatch.errors import ScaleError
from blocwatch.pipeline import Pipeline, PipelineOptions
from blocwatch.records import Article
from blocwatch.store import Batch

log = logging.getLogger(__name__)

_ATTR = "_blocwatch_pipeline"
CONNECT_SECONDS = 10  # how long to try a scheduler address before giving up


def process_chunk(articles: list[Article], options: PipelineOptions) -> list[Batch]:
    """Run on a Dask worker: parse and code a chunk with the worker's cached pipeline."""
    from distributed import get_worker

    options = replace(options, workers=1)  # a Dask worker is daemonic: no child processes
    worker = get_worker()
    pipe = getattr(worker, _ATTR, None)
    if pipe is None or pipe.options != options:
        pipe = Pipeline(options)
        setattr(worker, _ATTR, pipe)
    return list(pipe.process(articles))


@contextmanager
def dask_client(address: str, workers: int = 2):
    """A client for ``address``, or for a new local cluster when address is ``local``."""
    from distributed import Client, LocalCluster

    if address == "local":
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, silence_logs=logging.ERROR,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
    else:
        try:
            client = Client(address, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {address!r} within {CONNECT_SECONDS} s "
                             f"({type(exc).__name__})") from None
        with client:
            yield client


def process_on_dask(client, articles: Iterable[Article], options: PipelineOptions,
                    chunk_size: int = 16, in_flight: int = 8) -> Iterator[Batch]:
    """Yield batches in completion order, keeping at most ``in_flight`` chunks queued."""
    from distributed import as_completed

    it = iter(articles)
    pending = as_completed()
    for _ in range(in_flight):
        if chunk := list(islice(it, chunk_size)):
            pending.add(client.submit(process_chunk, chunk, options, pure=False))
    for future in pending:
        yield from future.result()
        if chunk := list(islice(it, chunk_size)):
            pending.add(client.submit(process_chunk, chunk, options, pure=False))
