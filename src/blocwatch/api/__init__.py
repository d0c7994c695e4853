"""The Python API: the product. CLI commands and HTTP routes are thin wrappers over these."""

from blocwatch.api.core import IngestReport, articles, ingest, summary

__all__ = ["IngestReport", "articles", "ingest", "summary"]
