"""Ingest: read files, clean boilerplate, date, hash. Yields Articles or Failures."""

from blocwatch.ingest.sources import IngestOptions, read_sources

__all__ = ["IngestOptions", "read_sources"]
