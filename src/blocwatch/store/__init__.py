"""Storage: DuckDB by default, Parquet exports at scale."""

from blocwatch.store.db import Batch, Store, resolve_db_path

__all__ = ["Batch", "Store", "resolve_db_path"]
