"""Treaties: knowledge base, obligations on a date, and links from news to treaties.

``TreatyKB.from_package()`` loads ATOP-derived and curated treaties once;
``duties_towards(kb, "PRK", date)`` answers "who must help PRK if attacked on that date";
``ties(kb, date)`` lists directed obligations between states (used by alignment analysis).
"""

from blocwatch.treaties.kb import Treaty, TreatyKB
from blocwatch.treaties.link import TreatyLinker
from blocwatch.treaties.obligations import Duty, Tie, cascade, duties_towards, ties, treaties_for

__all__ = ["Duty", "Tie", "Treaty", "TreatyKB", "TreatyLinker", "cascade", "duties_towards", "ties", "treaties_for"]
