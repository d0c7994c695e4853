"""The FastAPI app. Every error, domain or HTTP, has one JSON shape:

    {"error": {"code": "BW020", "message": "...", "path": null}}
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from blocwatch import __version__
from blocwatch.errors import BlocwatchError, QueryError, StoreError
from blocwatch.http import routes
from blocwatch.web import STATIC_DIR


def error_body(code: str, message: str, path: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "path": path}}


def _status(exc: BlocwatchError) -> int:
    if isinstance(exc, StoreError) and "does not exist" in exc.message:
        return 404
    return 400 if isinstance(exc, QueryError) else 422 if exc.code.startswith("BW00") else 500


def create_app(db: str | None = None) -> FastAPI:
    """An app serving the database ``db`` (default: $BLOCWATCH_DB or ./blocwatch.duckdb)."""
    app = FastAPI(title="blocwatch", version=__version__,
                  description="Sourced event data, treaty obligations and bloc alignment.")
    app.state.db = db

    @app.exception_handler(BlocwatchError)
    async def domain_error(_: Request, exc: BlocwatchError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message, exc.path), status_code=_status(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        msg = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return JSONResponse(error_body(QueryError.code, msg), status_code=400)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(error_body(f"HTTP{exc.status_code}", str(exc.detail)), status_code=exc.status_code)

    app.include_router(routes.router)
    app.mount("/assets", StaticFiles(directory=STATIC_DIR), name="assets")
    return app


def json_response(value: Any) -> JSONResponse:
    return JSONResponse(jsonable_encoder(value))
