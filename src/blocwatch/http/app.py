"""The FastAPI app. Every error, domain or HTTP, has one JSON shape:

    {"error": {"code": "BW020", "message": "...", "path": null}}

and the OpenAPI schema documents each status a route can return (400 for a bad parameter, never 422).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from blocwatch import __version__
from blocwatch.errors import BlocwatchError, InputError, QueryError, StoreBusyError, StoreError, UnknownCodeError
from blocwatch.http import routes
from blocwatch.http.openapi import document_errors
from blocwatch.web import STATIC_DIR

log = logging.getLogger(__name__)

RETRY_AFTER = "1"  # seconds a client waits after a 503 (the database was busy)
SWAGGER = "/assets/vendor/swagger-ui"


def error_body(code: str, message: str, path: str | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "path": path}}


def _status(exc: BlocwatchError) -> int:
    if isinstance(exc, StoreBusyError):
        return 503
    if isinstance(exc, UnknownCodeError) or isinstance(exc, StoreError) and "does not exist" in exc.message:
        return 404
    return 400 if isinstance(exc, (QueryError, InputError)) else 500


class CatchAll:
    """ASGI middleware: an unexpected exception becomes a logged traceback and a 500 in the error shape."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if started or scope["type"] != "http":
                raise
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            body = error_body("BW500", f"internal error ({type(exc).__name__}); see the server log")
            await JSONResponse(body, status_code=500)(scope, receive, send)


def create_app(db: str | None = None) -> FastAPI:
    """An app serving the database ``db`` (default: $BLOCWATCH_DB or ./blocwatch.duckdb)."""
    app = FastAPI(title="blocwatch", version=__version__, docs_url=None, redoc_url=None,
                  description="Sourced event data, treaty obligations and bloc alignment.")
    app.state.db = db
    _add_error_handlers(app)
    app.add_middleware(CatchAll)
    app.include_router(routes.router)
    app.mount("/assets", StaticFiles(directory=STATIC_DIR), name="assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI from the vendored assets (no network needed)."""
        return get_swagger_ui_html(openapi_url="/openapi.json", title="blocwatch API",
                                   swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{SWAGGER}/swagger-ui.css",
                                   swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
                                   swagger_ui_parameters={"validatorUrl": None})

    def openapi() -> dict[str, Any]:
        if not app.openapi_schema:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            app.openapi_schema = document_errors(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BlocwatchError)
    async def domain_error(_: Request, exc: BlocwatchError) -> JSONResponse:
        status = _status(exc)
        if status == 500:
            log.error("%s", exc)
        headers = {"Retry-After": RETRY_AFTER} if status == 503 else None
        return JSONResponse(error_body(exc.code, exc.message, exc.path), status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        msg = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return JSONResponse(error_body(QueryError.code, msg), status_code=400)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(error_body(f"HTTP{exc.status_code}", str(exc.detail)), status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))


def json_response(value: Any) -> JSONResponse:
    return JSONResponse(jsonable_encoder(value))
