"""Ingest: read files, clean boilerplate, date, hash. Yields Articles or Failures (``ingest.scale`` runs parsing
and coding on Dask)."""

from blocwatch.ingest.sources import IngestOptions, read_sources

__all__ = ["IngestOptions", "read_sources"]
