"""The Python API: the product. CLI commands and HTTP routes are thin wrappers over these.

Each submodule lists its public functions in ``__all__``; they are re-exported here.
"""

import importlib as _importlib

_MODULES = ("core", "events", "treaties", "relations", "dashboard", "sql", "interop")
__all__: list[str] = []
for _name in _MODULES:
    _mod = _importlib.import_module(f"blocwatch.api.{_name}")
    globals().update({k: getattr(_mod, k) for k in _mod.__all__})
    __all__ += _mod.__all__
