"""Treaties: knowledge base, obligations on a date, and links from news to treaties."""

from blocwatch.treaties.link import TreatyLinker

__all__ = ["TreatyLinker"]
