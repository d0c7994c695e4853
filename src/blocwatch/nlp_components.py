"""Custom spaCy components (registered on import)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# No sentence is longer than this many tokens: a longer run (a list without stops, a table flattened
# to text) is cut, so parsing and the rules cost at most this much per sentence.
MAX_SENTENCE_TOKENS = 150
# A line of at most this many tokens with no sentence end inside it (a headline, "U.S., S. Korea,
# Japan Are to Blame for Danger of War: Japanese") is one sentence: the parser may not cut it.
ONE_SENTENCE_LINE = 40
_ENDS = frozenset(".!?")
_CLOSE_QUOTES = frozenset('"\'”’')


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Doc → Doc: a token after a line break starts a sentence, and so does every
    ``MAX_SENTENCE_TOKENS``-th token of a run without one, and a token after a paragraph join (see
    ``_join_start``); a short line with no sentence end inside stays one sentence; no sentence starts
    after an abbreviation (``_after_abbreviation``), nor anywhere but after a stop, a colon or a line
    break: the parser cut Spanish clauses mid-way, and long paragraphs of English web news too ("In
    response, Xi conveyed to Kim that" | "China is prepared …"); the parser keeps the rest."""
    after_break = False
    run = 0
    line_start = 0
    for tok in doc:
        abbreviated = _after_abbreviation(doc, tok.i)
        join = _join_start(doc, tok.i)
        if join is not None:  # the quote, comma and spaces of the join end the sentence before: no cut there
            for t in doc[join:tok.i]:
                t.is_sent_start = False
        if after_break or run >= MAX_SENTENCE_TOKENS or join is not None:
            tok.is_sent_start = True
            run = 0
        elif abbreviated or (tok.i and not _after_end(doc, tok.i)) or _closes(doc, tok.i):
            tok.is_sent_start = False
        if after_break:
            _keep_line(doc, line_start, tok.i)
            line_start = tok.i
        after_break = tok.is_space and "\n" in tok.text
        run = 1 if not abbreviated and _starts_after_end(doc, tok.i) else run + 1
    _keep_line(doc, line_start, len(doc))
    return doc


def _closes(doc: Doc, i: int) -> bool:
    """Token ``i`` is a closing quote or bracket written on the sentence end before it ("… socialist movement.\""):
    it ends that sentence and starts none (the parser had made it a sentence of its own, which the pair head then
    read as an event of the story's countries)."""
    return i > 0 and (doc[i].text in _CLOSE_QUOTES or doc[i].text in (")", "]")) and not doc[i - 1].whitespace_ \
        and doc[i - 1].text[-1:] in _ENDS


def _starts_after_end(doc: Doc, i: int) -> bool:
    """Token ``i``, after no abbreviation (``_after_abbreviation``, the caller's test), may open a sentence after
    another's end: a capitalised word or a number after a full stop, question or exclamation mark (not a colon's
    or a semicolon's, where the parser seldom cuts a list, and not a dotted abbreviation's: in "the C.C., the
    People's Party of Cambodia, the C.C. …", a list of 450 tokens, no sentence ends, and the cap of
    ``MAX_SENTENCE_TOKENS`` still cuts it)."""
    word = doc[i].text[:1]
    return i > 0 and (word.isupper() or word.isdigit()) and _after_end(doc, i, colons=False) \
        and "." not in doc[i - 1].text.strip(".")


def _after_end(doc: Doc, i: int, colons: bool = True) -> bool:
    """Token ``i`` follows a sentence end: a stop, question or exclamation mark, colon or semicolon (with
    ``colons``), then perhaps closing quotes or brackets, and a space."""
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in _CLOSE_QUOTES or doc[j].text in (")", "]")):
        j -= 1
    return j < 0 or doc[j].text[-1:] in _ENDS or (colons and doc[j].text in (":", ";"))


def _join_start(doc: Doc, i: int) -> int | None:
    """Where token ``i`` follows a paragraph join, the index of the join's first token (the closing quote
    or comma after the sentence end), else None. A join is a sentence end (or a closing quote after one),
    a comma, then a word that begins with a capital or a digit ("... on Sunday., The delegation ..."), as
    where a scraper ran two paragraphs together. The full stop must be a token of its own after a word
    with no stop inside it, so an abbreviation before a comma ("U.S., Japan", "EE.UU., Japón") never
    splits, nor does "etc., were" (a small letter) or a list of quoted slogans ("Down with it!", "Out!")."""
    word = doc[i].text[:1]
    if i < 2 or doc[i].is_space or not (word.isupper() or word.isdigit()):
        return None
    j = i - 1
    if doc[j].is_space and "\n" not in doc[j].text:
        j -= 1
    if j < 1 or doc[j].text != ",":
        return None
    j -= 1
    if doc[j].text in _CLOSE_QUOTES and j >= 1:
        j -= 1
    return j + 1 if doc[j].text in _ENDS and (j == 0 or "." not in doc[j - 1].text) else None


# Abbreviated titles the tokenizer splits from their full stop ("Lieut", "."): the stop ends no sentence before
# the name that follows ("General Pak Jae Gyong, Lieut. General Ri Yong Ho and others" was cut after "Lieut.").
TITLE_ABBREVIATIONS = frozenset({"Lieut", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Cmdr", "Brig", "Adm", "Gen",
                                 "Gov", "Sen", "Rep", "Prof", "Rev", "Dr", "Mr", "Mrs", "Ms"})


def _after_abbreviation(doc: Doc, i: int) -> bool:
    """Token ``i`` is a capitalised word after an abbreviation's full stop in the same line: a capital letter's
    ("S. Korean women victims met …", "B. C. Gupta said") or an abbreviated title's ("Lieut. General"), or a
    word in small letters after a dotted abbreviation's ("EE.UU. y las autoridades …", which the tokenizer
    splits as "EE.UU" and "."; KCNA's English writes "south Korea" at a sentence's start, but never after one). An
    initial at a line's end, or one that is the whole sentence's last word after a space ("vitamin C."), is rare
    in news and not told apart."""
    if i < 1 or doc[i].is_space:
        return False
    prev = doc[i - 1].text
    stop_of = doc[i - 2].text if i >= 2 and prev == "." and not doc[i - 2].whitespace_ else ""
    if doc[i].text[:1].islower():  # "EE.UU. y las autoridades …": a dotted abbreviation, then a small letter
        return "." in stop_of.strip(".")
    if not doc[i].text[:1].isupper():
        return False
    if len(prev) == 2 and prev[0].isupper() and prev[1] == ".":
        return True
    return stop_of in TITLE_ABBREVIATIONS


def _keep_line(doc: Doc, start: int, end: int) -> None:
    """No sentence starts inside doc[start:end] (one line) when it is short and no token but its last
    word ends a sentence."""
    words = [t for t in doc[start:end] if not t.is_space]
    if not words or len(words) > ONE_SENTENCE_LINE:
        return
    if any(t.text in _ENDS for t in words[:-1]):
        return
    for t in words[1:]:
        t.is_sent_start = False
