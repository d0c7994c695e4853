"""Boilerplate removal for plain-text articles: bylines, captions, bios, comment forms, footers.

The rules are line shapes seen on news pages in general, not any one outlet's names.
"""

from __future__ import annotations

import re
import unicodedata

# Everything from one of these lines to the end is page furniture (comment forms, footers).
_TAIL_MARKERS = re.compile(
    r"^\s*(leave a (reply|comment)|post a comment|add a comment|\d+ comments?|comments? \(\d+\)"
    r"|your email address will not be published|related (articles|posts|stories|links)"
    r"|read more:?|more from|recommended( for you)?|you (may|might) also like"
    r"|(full report|current edition|subscription information)\b.*)\s*\.?\s*$", re.I)

# Single lines dropped wherever they stand.
_LINE_DROPS = [
    re.compile(r"^\s*(?i:by)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3}(\s*(,|and|&)\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3})*\s*$"),
    re.compile(r"^\s*[\w\-.]+\.(jpe?g|png|gif|webp|svg|tiff?)\s*$", re.I),            # image file names
    re.compile(r"^\s*\((photo|image|picture)?\s*[:/]?\s*[\w .&'/-]{1,40}\)\s*$", re.I),  # "(123rf)", "(Yonhap)"
    re.compile(r"^\s*(photo|image|picture|file photo|illustration)\s*(credit)?\s*[:/|©].{0,120}$", re.I),
    re.compile(r"^\s*(©|copyright\b).{0,120}$", re.I),
    re.compile(r"^\s*(scroll to top|back to top|top of page)\s*$", re.I),
    re.compile(r"^\s*(share( this( article)?)?|tweet|print|email|facebook|twitter|x|linkedin|whatsapp|reddit|telegram)\s*:?\s*$", re.I),
    re.compile(r"^\s*(subscribe|sign up|get our newsletter|join our newsletter)\b.{0,120}$", re.I),
    re.compile(r"^\s*(original source|source|edited by|reporting by|writing by|additional reporting by)\s*:?\s.{0,100}$", re.I),
    re.compile(r"^\s*(advertisement|sponsored( content)?|click here.*)\s*$", re.I),
]

# An author bio: a short closing paragraph "Name Surname is a/an/the ... journalist/writer/...".
_BIO = re.compile(
    r"^[A-Z][\w'’-]+(\s+[A-Z][\w'’-]+){0,3}\s+(is|was|has been)\s+(a|an|the)\b.{0,400}\b"
    r"(journalist|writer|reporter|correspondent|editor|columnist|author|contributor|analyst|researcher|fellow)\b",
    re.S)

# A caption written as a sentence: "X does Y in this undated photo released by ...".
_CAPTION = re.compile(
    r"(\bin this (undated |file |handout |recent )?(photo|picture|image|handout)\b"
    r"|^(file|handout) (photo|picture|image)\b|\((file|handout) (photo|picture|image)\)\s*\.?$)", re.I)

_SHORT_NAME = re.compile(r"^[A-Z][\w'’.-]+(\s+[A-Z][\w'’.-]+){0,3}$")


def normalise(text: str) -> str:
    """NFC, unified line ends and spaces; used for hashing and cleaning."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    return re.sub(r"[ \t]+", " ", text)


def clean_text(text: str) -> str:
    """Strip boilerplate, keeping paragraphs (blank-line separated) and their order."""
    paragraphs = _paragraphs(normalise(text))
    paragraphs = _cut_tail(paragraphs)
    paragraphs = [p for p in paragraphs if not any(rx.match(p) for rx in _LINE_DROPS)]
    paragraphs = [p for p in paragraphs if not (_CAPTION.search(p) and len(p) < 300 and p.count(". ") < 2)]
    paragraphs = _drop_bios(paragraphs)
    paragraphs = _drop_repeated_names(paragraphs)
    paragraphs = _drop_repeated_heads(paragraphs)
    return "\n\n".join(paragraphs).strip()


def _paragraphs(text: str) -> list[str]:
    """Blank lines split paragraphs; a single-line file split by newlines also counts."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text)]
    out: list[str] = []
    for block in blocks:
        out.extend(line.strip() for line in block.split("\n") if line.strip())
    return out


def _cut_tail(paragraphs: list[str]) -> list[str]:
    for i, p in enumerate(paragraphs):
        if i > 0 and _TAIL_MARKERS.match(p):
            return paragraphs[:i]
    return paragraphs


def _drop_bios(paragraphs: list[str]) -> list[str]:
    """A bio sits in the last few paragraphs, often after a lone author-name line."""
    keep = list(paragraphs)
    for i in range(len(keep) - 1, max(-1, len(keep) - 4), -1):
        if _BIO.match(keep[i]) and len(keep[i]) < 1200:
            del keep[i:]
            if keep and _SHORT_NAME.match(keep[-1]) and len(keep[-1].split()) <= 4:
                keep.pop()
            break
    return keep


def _drop_repeated_names(paragraphs: list[str]) -> list[str]:
    """Byline names repeated as lone lines ("Jane Doe", "Jane Doe") near the top."""
    out: list[str] = []
    head = paragraphs[:12]
    for i, p in enumerate(paragraphs):
        short = _SHORT_NAME.match(p) and len(p.split()) <= 4 and not p.endswith(".")
        if i < 12 and short and head.count(p) > 1:
            continue
        out.append(p)
    return out


def _drop_repeated_heads(paragraphs: list[str]) -> list[str]:
    """A headline or standfirst printed twice near the top keeps only its first copy."""
    out: list[str] = []
    for i, p in enumerate(paragraphs):
        if i < 12 and len(p) < 200 and p in out:
            continue
        out.append(p)
    return out
