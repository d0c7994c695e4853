"""blocwatch: sourced event data, treaty obligations and bloc alignment from international news."""

__version__ = "0.1.0"
