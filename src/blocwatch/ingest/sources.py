"""Walking inputs (interface stub; the full reader replaces this body)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from blocwatch.records import Article, Failure


@dataclass(frozen=True)
class IngestOptions:
    default_date: date | None = None


def read_sources(paths: Sequence[str], options: IngestOptions = IngestOptions()) -> Iterator[Article | Failure]:
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield Failure(str(p), "no such file or directory")
            continue
        files = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
        for f in files:
            text = f.read_text(encoding="utf-8").strip()
            aid = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]
            yield Article(id=aid, path=str(f), text=text, published=options.default_date)
