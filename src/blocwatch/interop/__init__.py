"""Other event data sets in and out: GDELT 2.0 and ICEWS imports, PLOVER JSON import and export."""

from blocwatch.interop.common import FORMATS, ORIGINS, Imported, Skipped
from blocwatch.interop.read import read_records

__all__ = ["FORMATS", "ORIGINS", "Imported", "Skipped", "read_records"]
