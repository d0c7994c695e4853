"""HTTP API: FastAPI routes, each a thin call to one ``blocwatch.api`` function."""

from blocwatch.http.app import create_app

__all__ = ["create_app"]
