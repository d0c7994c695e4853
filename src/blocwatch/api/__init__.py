"""The Python API: the product. CLI commands and HTTP routes are thin wrappers over these.

Each submodule lists its public functions in ``__all__``; they are re-exported here and imported on
first use, so a query such as ``api.events`` does not load the treaty, import or analysis machinery.
Several functions share their submodule's name (``api.events``, ``api.relations``, ``api.treaties``,
``api.sql``): the name always means the function, also after the submodule was imported directly.
"""

import importlib as _importlib
import sys as _sys
import types as _types
from typing import Any as _Any

_EXPORTS = {
    "core": ("IngestReport", "ingest", "articles", "summary"),
    "events": ("CodeInput", "events", "count_events", "code", "evaluate", "parse_dyad"),
    "treaties": ("treaties", "obligations", "mentioned_treaties"),
    "relations": ("merged_events", "relations", "network", "blocs", "triads", "report", "export", "parse_window"),
    "dashboard": ("alignment", "pair_events", "triad_timeline", "event_span", "country_names"),
    "sql": ("sql", "VIEWS"),
    "interop": ("ImportReport", "import_events", "export_plover", "parse_origins"),
    "watch": ("watch", "parse_every"),
    "signals": ("signals", "signals_atom", "signal_evidence", "Signal"),
}
_HOME = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = list(_HOME)


def __getattr__(name: str) -> _Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'blocwatch.api' has no attribute {name!r}")
    loaded = _importlib.import_module(f"{__name__}.{module}")
    for exported in _EXPORTS[module]:  # bind them all: later lookups skip this function
        globals()[exported] = getattr(loaded, exported)
    return globals()[name]


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Api(_types.ModuleType):
    def __setattr__(self, name: str, value: _Any) -> None:
        # importing a submodule sets it as an attribute of this package; a function of that name wins
        if isinstance(value, _types.ModuleType) and name in _HOME:
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Api
