"""The Python API: the product. CLI commands and HTTP routes are thin wrappers over these.

Each submodule lists its public functions in ``__all__``; they are re-exported here.
"""

from blocwatch.api.core import *  # noqa: F401,F403
from blocwatch.api.events import *  # noqa: F401,F403
from blocwatch.api.relations import *  # noqa: F401,F403
from blocwatch.api.treaties import *  # noqa: F401,F403
from blocwatch.api import core as _core, events as _events, relations as _relations, treaties as _treaties

__all__ = [*_core.__all__, *_events.__all__, *_relations.__all__, *_treaties.__all__]
