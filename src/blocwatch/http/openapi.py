"""The error model and the status codes each route documents in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable error code, e.g. BW020 (bad parameter) or BW011 (database busy).")
    message: str = Field(description="One line saying what is wrong.")
    path: str | None = Field(description="The file concerned (e.g. the database), if any.")


class ErrorBody(BaseModel):
    """Every error the server returns, whatever its status."""

    error: ErrorDetail


def _error(description: str, **extra: Any) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description, **extra}


BAD = {400: _error("A parameter is malformed or out of range.")}
CRASH = {500: _error("Internal error (the traceback is in the server log), or the database file is not usable.")}
DB = {404: _error("The database file does not exist, or a code names nothing known."),
      503: _error("The database is busy (an ingest holds its lock); retry after the given seconds.",
                  headers={"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}}})}

UNKNOWN = {404: _error("A well-formed code names nothing known (e.g. a country no treaty names).")}

PLAIN = {**CRASH}
CODES = {**BAD, **UNKNOWN, **CRASH}
DB_QUERY = {**BAD, **DB, **CRASH}


ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Drop FastAPI's default 422 (the server answers a bad parameter with 400 in the error shape), and
    document every error as JSON, also on routes whose success is an HTML page."""
    for ops in schema.get("paths", {}).values():
        for op in ops.values():
            responses = op.get("responses", {})
            responses.pop("422", None)
            for status, response in responses.items():
                if int(status) >= 400:
                    response["content"] = ERROR_CONTENT
    components = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    return schema
