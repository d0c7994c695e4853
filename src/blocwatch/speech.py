"""Verbs of saying, in one place: each reader keeps the set it was tuned with, named for its use.

A verb set of one reader is not the others' on purpose: a date hangs off "pledged" (the pledge is dated),
but "pledge" is no coreference cue; a broad set finds who speaks, a narrow one which clause is a report.
They live here, below ``actors`` and ``events``, so that a change to one is made seeing the others.
"""

from __future__ import annotations

# Who speaks: a sentence whose verb is one of these has its subject speak (``events.rules``: the
# speaker of a speech act, the parataxis "…, he said"; ``learned.coder``: who only tells of an act).
SAY_LEMMAS = frozenset({"say", "state", "tell", "add", "report", "note", "stress", "claim", "announce",
                        "declare", "write", "insist", "argue", "assert", "quote", "underscore", "emphasize", "read"})

# Coreference: a country's actor speaking these makes "I", "we" in and after the sentence its voice
# (``actors.coref``).
VOICE_VERBS = frozenset({"say", "note", "stress", "add", "declare", "state", "emphasize", "underline"})

# Coreference: "X said it would …": a subject "it" of a clause one of these reports is X (``actors.coref``).
SELF_REPORT = SAY_LEMMAS | frozenset({"promise", "pledge", "vow", "warn", "affirm", "reaffirm", "confirm"})

# Modality: a clause reported by one of these takes the reporter's modality (``events.modality``).
REPORT_LEMMAS = frozenset({"say", "tell", "announce", "state", "promise", "pledge", "add", "report"})

# Dates: a date on one of these dates the reported act too (``events.dates``).
REPORTING = frozenset({"say", "announce", "report", "state", "tell", "add", "declare", "pledge", "promise"})

# Dates: a date inside what one of these tells of is the told act's, not the telling's ("the statement noted that
# Kim Il Sung set forth the proposal in October 1980": the statement's praise is not of 1980; ``events.dates``).
TELLING = SAY_LEMMAS | frozenset({"refer", "recall", "recount", "mention", "point", "observe", "remark", "underline",
                                  "explain", "describe", "highlight", "carry", "publish", "post", "release", "issue"})

# A quote's opening line: "The message said:", "It goes on:", "Garib Newaz, president of the party, said:" hold
# no act of their own; the quote that follows does (``events.context.introduces_quote``).
QUOTE_OPENERS = SAY_LEMMAS | frozenset({"go", "continue", "further", "observe", "point", "remark"})
