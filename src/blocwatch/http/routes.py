"""Routes. Each one calls a single ``blocwatch.api`` function with the app's database."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from blocwatch import api

router = APIRouter()


def _db(request: Request) -> str | None:
    return request.app.state.db


@router.get("/api/summary")
def summary(request: Request) -> dict[str, Any]:
    """Counts of stored articles, sentences, events and treaty mentions."""
    return api.summary(_db(request))


@router.get("/api/articles")
def articles(request: Request, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles (paged)."""
    return api.articles(_db(request))[offset: offset + limit]
