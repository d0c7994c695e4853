"""Watching sources as they publish: feed polling (``fetch``, ``poll``) and signal delivery (``deliver``)."""
