"""Actor resolution: noun phrases and entities in a parsed Doc → coded actor mentions.

A mention spans a noun chunk (or a named entity outside any chunk). Inside it, dictionary
names give a country or a full code (people, media, parties, IGOs), and sector nouns
("spokesperson", "troops", "court") give the sector: "North Korea's Foreign Ministry
spokesperson" → PRKGOV, "Chinese troops" → CHNMIL, "his Chinese counterpart" → CHNGOV.
Chunks that are named entities but unknown to the dictionary become uncoded mentions.
IGOs use Phoenix codes starting with "IGO" ("IGOUNO", NATO "IGOWSTNAT"): country None, sector IGO.
"the Foreign Ministry of China" merges into one CHNGOV mention; "the North"/"the South" are PRK/KOR only
when the doc mentions Korea; a bare surname after the full name in the same doc takes that person's code.
In a story about Korea, "the puppet group/authorities/warmongers" (KCNA's idiom) are south Korea's (KOR).
A Spanish story (KCNA publishes some in Spanish) also matches the lowercase country words of
``actors_es.tsv`` ("los reaccionarios japoneses", "las autoridades surcoreanas") and "el Norte"/"el Sur";
names that are Spanish words there ("Victoria", "BP") name nothing, and the English coreference rules do
not run on it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

from blocwatch.actors.codes import join_code, split_code
from blocwatch.actors.kb import MAX_NAME_TOKENS, ActorKB, active_role, fold
from blocwatch.actors.mention import COMPOUND, ActorMention
from blocwatch.language import spanish_story
from blocwatch.nlp import first_conjunct, noun_chunk_spans
from blocwatch.records import ActorSpan

T = TypeVar("T")
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
SKIP_FIRST = frozenset({"the", "a", "an"})
KOREAN_CONTEXT = ("korea", "pyongyang", "seoul", "dprk", "kim jong", "corea", "rpdc")
# KCNA's word for south Korea's government, army and politicians ("the puppet group", "los títeres surcoreanos")
PUPPET_WORDS = frozenset({"puppet", "puppets", "titere", "titeres", "títere", "títeres"})
PUPPET_COUNTRY = "KOR"
SPANISH_KOREAS = {"norte": "PRK", "sur": "KOR"}  # "el Norte", "el Sur" in a Spanish story about Korea
FORMER = frozenset({"former", "ex", "late", "then", "ex-"})
KOREAS = {"north": "PRK", "south": "KOR"}  # "the North", "the South" where the doc is about Korea
# "south Korea", "north Korean", "west Africa": a lowercase direction may open a name whose next word is capitalised
DIRECTIONS = frozenset({"north", "south", "east", "west"})
# Regional pseudo-codes in the country slot: a chunk naming one is not cut into actors at it
REGIONS = frozenset({"AFR", "ASA", "CAS", "CFR", "EAF", "EEU", "EUR", "INT", "LAM", "MEA", "NAF", "NMR", "SAF", "SAM",
                     "SAS", "SEA", "WAF", "WEU", "WST"})
# Words of an office title between a country word and a person's name ("Qatari Prime Minister Sheikh ...")
TITLE_WORDS = frozenset({"prime", "vice", "deputy", "first", "foreign", "defence", "defense", "general", "chief",
                         "supreme", "acting", "honorary", "state", "-", "his", "her", "excellency", "he", "h.e.",
                         "crown", "prince", "princess", "king", "queen", "emir", "sheikh", "high", "commissioner",
                         "'s", "’s"})
# Nouns after a place's name that make it no person's name ("Fukushima Prefecture", "Pusan Port")
PLACE_NOUNS = frozenset({"prefecture", "province", "county", "city", "district", "port", "island", "islands",
                         "region", "state", "town", "village", "street", "square", "bay", "river", "mountain",
                         "university", "airport", "station"})
# Documents and events named after the city where they were signed or held ("the Oslo accords")
DOCUMENT_NOUNS = frozenset({"accord", "accords", "agreement", "declaration", "treaty", "convention", "protocol",
                            "communique", "charter", "conference", "summit", "talks", "process", "olympics",
                            "games", "festival", "fair", "exhibition", "forum", "marathon", "consensus", "formula"})
# Heads of organisation names: "the Denmark-DPRK Friendship Association" is of the country named first
ORG_HEADS = frozenset({"association", "society", "committee", "federation", "league", "union", "institute",
                       "foundation", "club", "group", "council", "party", "front", "organization", "organisation",
                       "centre", "center", "circle", "forum", "movement", "assembly", "congress"})


@dataclass(frozen=True)
class _Hit:
    start: int  # token indices
    end: int
    name: str
    code: str | None
    parts: tuple[str, ...] = ()  # one token naming several countries ("U.S.-Japan"): their codes, in order


@dataclass(frozen=True)
class EventWords:
    """The words of the event lexicon a headline's verb is told by: its verbs and its event nouns
    ("n:exercise"). Built from the lexicon's keys, the user's verb files included (``events.coder``)."""

    verbs: frozenset[str]
    nouns: frozenset[str]

    @classmethod
    def from_keys(cls, keys: Any) -> "EventWords":
        keys = list(keys)
        verbs = frozenset(k.split("|")[0] for k in keys if not k.startswith("n:") and ":" not in k.split("|")[0])
        return cls(verbs, frozenset(k[2:] for k in keys if k.startswith("n:")))


class ActorResolver:
    """Finds actor mentions in a parsed Doc and codes them."""

    def __init__(self, kb: ActorKB, words: EventWords | None = None):
        self.kb = kb
        self.words = words or _package_words()

    @classmethod
    def from_package(cls, extra_files: tuple[str, ...] = (), words: EventWords | None = None) -> "ActorResolver":
        """The package's actors and ``extra_files``; ``words`` (default: the package's event lexicon) tell a
        title-case headline's verb."""
        return cls(ActorKB.from_package(extra_files), words)

    def code_phrase(self, text: str, on: date | None = None) -> str | None:
        """The code of a whole name as written ("the Kremlin", "Xi Jinping"), or None if unknown."""
        words = text.split()
        if words and words[0].lower() in SKIP_FIRST:
            words = words[1:]
        if len(words) == 1 and not name_word_ok(words[0]):  # "us" is no USA, "Un" no UN
            return None
        roles = self.kb.roles(" ".join(words).lower())
        return self._code(roles, on) if roles else None

    # -- dictionary hits ---------------------------------------------------
    def hits(self, doc: Any, on: date | None) -> list[_Hit]:
        """Longest dictionary matches over capitalised tokens, left to right."""
        out: list[_Hit] = []
        toks = list(doc)
        lower = [fold(t.lower_) for t in toks]
        space = [" " if t.whitespace_ else "" for t in toks]
        korean = korean_story(doc)
        spanish = spanish_story(doc)
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            hit = None
            if lower[i] in self.kb.first_words and _may_open_name(toks, i):
                name = ""
                names = []
                for j in range(i, min(n, i + MAX_NAME_TOKENS)):
                    name += lower[j]
                    names.append((j + 1, name))
                    name += space[j]
                for j, name in reversed(names):
                    roles = self.kb.roles(name)
                    if roles and (j > i + 1 or _single_word_ok(tok)):
                        hit = _Hit(i, j, name, self._code(roles, on))
                        break
            if hit is None and spanish and lower[i] in self.kb.spanish and tok.is_alpha:  # "norcoreanos"
                hit = _Hit(i, i + 1, lower[i], self._code(self.kb.spanish[lower[i]], on))
            if hit is None and spanish and korean and lower[i] in SPANISH_KOREAS and _spanish_north(toks, i):
                hit = _Hit(i, i + 1, f"el {lower[i]}", SPANISH_KOREAS[lower[i]])
            if hit is None and "-" in lower[i][1:-1] and not tok.is_lower:
                hit = self._hyphenated(tok, on)
            if hit is None and not tok.is_lower:  # "Key Resolve", "UFG": a joint exercise's stagers
                hit = self._exercise(toks, lower, i)
            if hit is None and tok.is_title and lower[i].endswith("s"):
                hit = self._people(i, lower[i][:-1], on)
            if hit is None and korean and lower[i] in KOREAS and _korean_side(doc, i):  # "the south side"
                hit = _Hit(i, i + 2, f"the {lower[i]} side", KOREAS[lower[i]])
            if hit is None and korean and lower[i] in KOREAS and _bare_north(doc, i):
                hit = _Hit(i, i + 1, f"the {lower[i]}", KOREAS[lower[i]])
            if hit and spanish and hit.name in self.kb.spanish_not_names:  # "Victoria" is victory in Spanish
                i = hit.end
            elif hit and all(toks[t].ent_type_ == "DATE" for t in range(hit.start, hit.end)):  # "21 June": a date
                hit = None
                i += 1
            elif hit and _modifier_only(toks, hit, split_code(hit.code)[1] is None):  # "anti-U.S.", "US-led"
                i = hit.end
            elif hit and hit.end - hit.start == 1 and self._word_of_a_name(toks, hit):  # "Ignacio Milan Tang"
                i = hit.end
            elif hit and _federal_state(toks, out, hit):  # "the U.S. state of Georgia"
                i = hit.end
            elif hit and hit.start > 0 and lower[hit.start - 1] in PAST_AGES:  # "a lamp of ancient Greece"
                i = hit.end
            elif hit:
                out.append(hit)
                i = hit.end
            else:
                i += 1
        return self._surnames(toks, out)

    def _word_of_a_name(self, toks: list[Any], hit: _Hit) -> bool:
        """A one-word name that is only a word of a longer personal name: a middle word, place or given name
        ("Milan" in "Ignacio Milan Tang", "Hassan" in "Omar Hassan Ahmed Al-Bashir", "Carlos" in "Antonio
        Carlos Hernandez"), a first word that is a place ("Kenia" in "Kenia Serrano Puig", "Jordan" in "Jordan
        Peterson"), or a last word that is a place but no country's own name ("Sabah" in "Sabah Al-Ahmad
        Al-Sabah"; "Kenya Hails ..." stays). The name is a
        PERSON entity of capitalised words (titles are no words of it, nor place nouns: "Fukushima
        Prefecture"); a title-case headline is left alone, where the parser takes whole lines for names
        ("Choe Yong Rim Greets UAE Vice President")."""
        tok = toks[hit.start]
        if tok.ent_type_ != "PERSON" or _headline(tok.sent):
            return False
        lo = hi = tok.i
        while lo > 0 and toks[lo].ent_iob_ == "I" and self._name_word(toks[lo - 1]):
            lo -= 1
        while hi + 1 < len(toks) and toks[hi + 1].ent_iob_ == "I" and self._name_word(toks[hi + 1]):
            hi += 1
        if lo < tok.i < hi:
            return True
        if lo == tok.i < hi and split_code(hit.code)[1] is not None:  # a given name: "Khalid Abdul Majid"
            return True
        place = split_code(hit.code)[1] is None
        if place and lo == tok.i < hi and not (tok.i and toks[tok.i - 1].pos_ == "ADP"):
            return True  # a first name: "Kenia Serrano Puig" (not "Ambassador to China Ji Jae Ryong")
        return place and hit.name not in _country_names() and lo < tok.i == hi  # "Sheikh Sabah ... Al-Sabah"

    def _name_word(self, tok: Any) -> bool:
        return tok.ent_type_ == "PERSON" and (tok.text in DASHES or (
            tok.is_title and tok.lower_ not in TITLE_WORDS and tok.lower_ not in PLACE_NOUNS
            and not self._sector(tok)))

    def _hyphenated(self, tok: Any, on: date | None) -> _Hit | None:
        """One token joining country names with hyphens ("U.S.-Japan", "DPRK-China"): a hit whose
        ``parts`` are their codes (two or more countries), else None. A last part "south" or "north"
        takes the next word ("U.S.-south Korea", "U.S.-south Korean")."""
        codes = []
        parts = tok.lower_.split("-")
        end = tok.i + 1
        if len(parts) > 1 and parts[-1] in ("south", "north", "s.", "n.") and end < len(tok.doc) \
                and tok.doc[end].lower_ in ("korea", "korean", "koreans"):
            parts[-1] = f"{parts[-1]} {tok.doc[end].lower_}"
            end += 1
        for part in parts:
            roles = self.kb.roles(part)
            code = self._code(roles, on) if roles else None
            if code is None or split_code(code)[0] is None:
                return None
            codes.append(code)
        if len({split_code(c)[0] for c in codes}) < 2:
            return None
        return _Hit(tok.i, end, tok.doc[tok.i:end].text.lower(), codes[0], tuple(codes))

    def _exercise(self, toks: list[Any], lower: list[str], i: int) -> _Hit | None:
        """A joint exercise's code name ("Ulji Freedom Guardian", "UFG"): a hit whose ``parts`` are the codes of
        the countries that stage it (``exercises.tsv``)."""
        for (words, codes) in self.kb.exercises.items():
            if tuple(lower[i:i + len(words)]) == words:
                return _Hit(i, i + len(words), " ".join(words), codes[0], codes)
        return None

    def _people(self, i: int, singular: str, on: date | None) -> _Hit | None:
        """"Syrians", "Iraqis": a plural demonym is that country's civilians (SYRCVL)."""
        code = self._code(self.kb.roles(singular), on) if self.kb.roles(singular) else None
        country, sector = split_code(code)
        if country and sector is None:
            return _Hit(i, i + 1, singular, country + "CVL")
        return None

    def _surnames(self, toks: list[Any], hits: list[_Hit]) -> list[_Hit]:
        """"Putin", "Xi", "Kim" alone, where the full name appears in the same doc (headlines come first).
        A person's name is written in capitals ("Ejército Popular de Corea" is none: "Corea" alone is not
        the army), and a word inside another name is not an alias: "Kim Yong Chol" is not "Kim Kwan Jin",
        "Hyon Chol Hae" not "Choe Ryong Hae"."""
        covered = {t for h in hits for t in range(h.start, h.end)}
        alias: dict[str, _Hit] = {}
        side: dict[str, int] = {}  # -1 a name's first word ("Kim" of "Kim Jong Il"), +1 its last ("Putin")
        extra: list[_Hit] = []
        for h in sorted(hits, key=lambda h: h.start):
            parts = [p for p in h.name.split() if p not in self.kb.agents]  # "president xi jinping": xi, jinping
            kinds = {toks[t].ent_type_ for t in range(h.start, h.end)}
            person = "PERSON" in kinds or not kinds & {"ORG", "GPE", "NORP", "FAC", "LOC"}  # untagged names too
            capitalised = not any(toks[t].is_lower for t in range(h.start, h.end))
            if len(parts) >= 2 and h.code and split_code(h.code)[1] and person and capitalised:
                for part, where in ((parts[0], -1), (parts[-1], 1)):
                    alias[part], side[part] = h, where
        if not alias:
            return hits
        for tok in toks:
            first = alias.get(tok.lower_)
            if (first and tok.i not in covered and tok.is_title and tok.ent_type_ != "GPE"  # headlines come first
                    and not self._in_longer_name(toks, tok.i, side[tok.lower_])):
                extra.append(_Hit(tok.i, tok.i + 1, first.name, first.code))
        return sorted(hits + extra, key=lambda h: h.start)

    def _in_longer_name(self, toks: list[Any], i: int, where: int) -> bool:
        """Whether the word at ``i``, a known name's first word (``where`` -1: a family name such as "Kim")
        or last word (+1: "Hae" of "Choe Ryong Hae"), is part of another person's name: a capitalised name
        word after the first word ("Kim Yong Chol") or before the last ("Hyon Chol Hae"), in the same
        PERSON entity, or both untagged proper nouns (the parser tags few Korean names). A title ("President
        Putin") is no name word, nor a headline's verb after a surname ("Abbas Slams")."""
        j = i + 1 if where < 0 else i - 1
        if not 0 <= j < len(toks):
            return False
        t = toks[j]
        if toks[i].ent_type_ == "PERSON":
            same = toks[max(i, j)].ent_iob_ == "I"
        else:
            same = not toks[i].ent_type_ and not t.ent_type_ and toks[i].pos_ == t.pos_ == "PROPN"
        return same and t.is_title and t.is_alpha and t.lower_ not in TITLE_WORDS and not self._sector(t)

    @staticmethod
    def _code(roles, on: date | None) -> str | None:
        code = active_role(roles, on)
        if code is None:  # a person out of office: still of their country
            country, _ = split_code(roles[-1][0])
            code = join_code(country, "ELI")
        return code

    # -- mentions ------------------------------------------------------------
    def mentions(self, doc: Any, on: date | None = None, coref: bool = True) -> list[ActorMention]:
        """Sorted, non-overlapping actor mentions in ``doc``; with ``coref`` anaphors ("the ministry",
        "he", "the two leaders") take the code of what they refer to (see ``blocwatch.actors.coref``; its
        rules are English ones, so a Spanish story has none)."""
        hits = self.hits(doc, on)
        by_token = {t: h for h in hits for t in range(h.start, h.end)}
        spans = [piece for span in _candidate_spans(doc) for piece in self._headline_pieces(doc, span, by_token)]
        used: set[int] = set()
        out: list[ActorMention] = []
        for start, end, head in spans:
            inside = unique([by_token[t] for t in range(start, end) if t in by_token])
            for s, e, h, hits_in, group in self._pieces(doc, start, end, head, inside):
                mention = (self._group(doc, s, e, h, hits_in) if group else self._mention(doc, s, e, h, hits_in))
                if mention:
                    out.append(mention)
            used.update(id(h) for h in inside)
        for h in hits:  # dictionary hits outside every chunk ("Pyongyang" as a modifier, etc.)
            if id(h) not in used and not any(m.tok_start <= h.start < m.tok_end for m in out):
                out.append(self._mention(doc, h.start, h.end, h.end - 1, [h]))
        out = [m for m in out if m is not None and not any(no(doc, m) for no in (_dateline, _money, _posting))]
        out = _entourages(doc, out)
        out.sort(key=lambda m: m.tok_start)
        merged = _acronyms(doc, [self._successor(doc, m, on) for m in _merge_of_country(doc, _drop_overlaps(out))])
        merged = [_as_place(doc, m) for m in merged]
        if not coref or spanish_story(doc):
            return merged
        from blocwatch.actors.coref import link_mentions

        return link_mentions(doc, merged, self.kb)

    def _successor(self, doc: Any, m: ActorMention, on: date | None) -> ActorMention:
        """"Yazov, former defence minister of the Soviet Union" in a story of 2011: the former holder of an
        office of a state that had ended by then is a person of its one successor state now (RUS); the state
        itself stays what it was ("the Soviet Union helped ..." is SUN)."""
        state = self.kb.states.get(m.span.country or "")
        if (state is None or on is None or state.end is None or state.end > on or len(state.successors) != 1
                or not m.span.sector or not any(doc[t].lower_ in FORMER for t in range(m.tok_start, m.tok_end))):
            return m
        country = state.successors[0]
        code = join_code(country, m.span.sector)
        sp = m.span
        return ActorMention(ActorSpan(sp.text, sp.start, sp.end, code, country, sp.sector), m.tok_start, m.tok_end,
                            m.head, f"{m.reason}+successor:{country}", m.members)

    def _headline_pieces(self, doc: Any, span: tuple[int, int, int],
                         by_token: dict[int, _Hit]) -> list[tuple[int, int, int]]:
        """A span of a title-case headline cut at the headline's verb, which the parser glues into names there
        ("Kim Jong Il Mourned in Nepal", "S Korean Navy Fires Shells", "Earthquake Hits Chile") or opens with it
        ("Peruvian Assembly Condemns Japan-U.S. Alliance"): the words before the verb and those after it are
        candidate spans each; any other span is itself."""
        start, end, head = span
        if end - start < 2 or not _headline(doc[start].sent):
            return [span]
        first = start if start > doc[start].sent.start else start + 1  # "… Assembly Condemns Japan-U.S. Alliance"
        cut = next((t for t in range(first, end) if self._headline_verb(doc, t, end, by_token)), None)
        if cut is None:
            return [span]
        pieces = [(start, cut, head if head < cut else cut - 1)] if cut > start else []
        if cut + 1 < end:
            pieces += self._headline_pieces(doc, (cut + 1, end, head if head > cut else end - 1), by_token)
        return pieces

    def _headline_verb(self, doc: Any, i: int, end: int, by_token: dict[int, _Hit]) -> bool:
        """Whether token ``i`` of a title-case headline's span (ending at ``end``) is the headline's verb: a word
        of no name whose lowercase form inflects a verb of the event lexicon. A past participle is one only where
        no capitalised word of the span follows it ("Armed Forces", "Projected War Exercises" are adjectives); a
        verb in -s only after a name, an agent or organisation noun, or a singular noun, not after a possessive
        nor where it is a plural noun of the news ("Japan's Moves", "Military Exercises", "Puppet Forces"). An
        agent noun ("Iran Courts Venezuela") is a verb only where a name follows it. A verb's bare form is one
        after the second of two names joined by "and", where words follow ("Cuba and Peru Sign Accord")."""
        tok, prev = doc[i], doc[i - 1]
        word = tok.lower_
        if not (tok.is_title and tok.is_alpha) or i in by_token or prev.lower_ in ("'s", "’s", "'", "’"):
            return False
        verbs = self.words.verbs
        nxt = doc[i + 1] if i + 1 < end else None
        if word.endswith("ed"):
            return bool(_past_lemmas(word) & verbs) and (
                nxt is None or not (nxt.is_title and nxt.is_alpha) or nxt.lower_ in HEADLINE_ADVERBS)
        if word in verbs and not word.endswith("s") and prev.i in by_token and prev.ent_type_ != "NORP":
            hit = by_token[prev.i]  # "Cuba and Venezuela Sign Agreement": the verb of two names joined by "and"
            after = doc[i + 1] if i + 1 < tok.sent.end else None  # words follow ("… Trade Delegations" do not act)
            return (hit.start > tok.sent.start and doc[hit.start - 1].lower_ == "and" and after is not None
                    and after.lower_.rstrip("s") not in ORG_HEADS | HEADLINE_BODIES)
        singular = _present_lemmas(word) if word.endswith("s") and not word.endswith("ss") else set()
        if not singular & verbs:
            return False
        if singular & self.kb.agents.keys():
            return nxt is not None and nxt.i in by_token
        body = prev.lower_ in ORG_HEADS or prev.lower_ in HEADLINE_BODIES  # "Russian Delegation Visits ..."
        name = prev.i in by_token and prev.ent_type_ != "NORP" and prev.tag_ != "JJ"  # "Sweden", not "Israeli"
        if singular & (HEADLINE_PLURALS | self.words.nouns):  # an agent noun may be a modifier: "Military Exercises"
            return name or body
        agent = prev.is_alpha and not prev.lower_.endswith("s") and (body or prev.lower_ in self.kb.agents)
        return agent or name or prev.i in by_token or (
            prev.is_title and prev.is_alpha and not prev.lower_.endswith("s")
            and not (_present_lemmas(prev.lower_) | {prev.lower_}) & verbs)

    def _pieces(self, doc: Any, start: int, end: int, head: int,
                inside: list[_Hit]) -> list[tuple[int, int, int, list[_Hit], bool]]:
        """A chunk naming several countries, cut into one actor per country: (start, end, head, hits,
        group). Title-case headlines glue verbs into chunks ("Rodong Sinmun Urges Japan ..."), and
        hyphen-joined names ("US-Japan-S. Korea Military Drills") are a group of those countries,
        except before an organisation noun ("the Denmark-DPRK Friendship Association" is Danish).
        A country word before an institution of another country's name owns it ("the Hungarian
        Communist Workers' Party")."""
        if len({c for h in inside for c in _countries(h)}) < 2:
            return [(start, end, head, inside, False)]
        units: list[list[_Hit]] = []
        for h in inside:
            if units and _hyphen_joined(doc, units[-1][-1], h):
                units[-1].append(h)
            else:
                units.append([h])
        org_head = doc[head].lower_ in ORG_HEADS or doc[head].lemma_.lower() in ORG_HEADS
        segments: list[tuple[list[_Hit], bool, str | None]] = []  # hits, group, country
        for unit in units:
            countries = list(dict.fromkeys(c for h in unit for c in _countries(h)))
            named = unit[-1].end < head and doc[unit[-1].end].lower_ == "friendship"  # "DPRK-Laos Friendship ... Farm"
            group = len(countries) >= 2 and not ((org_head or named) and unit[-1].end <= head)
            country = countries[0] if countries else None
            last = segments[-1] if segments else None
            if last is not None and not group and not last[1] and (
                    country is None or last[2] is None or country == last[2] or self._owned(doc, last[0][-1], unit[0])
                    or not self._new_actor(doc, last[0][-1], unit)):
                segments[-1] = (last[0] + unit, False, last[2] or country)
            else:
                segments.append((unit, group, country))
        out = []
        for k, (hits, group, _) in enumerate(segments):
            s = start if k == 0 else hits[0].start
            if k == len(segments) - 1:
                e = end
                h = head if s <= head < e else e - 1
            else:
                e = hits[-1].end
                while (e < segments[k + 1][0][0].start and not doc[e].is_lower
                       and (self._sector(doc[e]) or doc[e].lower_ in ORG_HEADS)):
                    e += 1  # "Lao President", "Chinese Paper", "Nepali Organization": the nouns right after the name
                h = e - 1
            out.append((s, e, h, hits, group))
        return out

    def _new_actor(self, doc: Any, before: _Hit, unit: list[_Hit]) -> bool:
        """Whether ``unit`` (another country's name in the same chunk) starts an actor of its own: a
        country's name does ("Rodong Sinmun Urges Japan"); a person's or body's name does past a word
        that is no title ("Nepali Organization Registers Kim Jong Un"), not right after a title
        ("Kenyan President William Ruto", whatever a first name alone codes), nor after a title and first
        names the dictionary lacks ("Palestinian Foreign Minister Riad Al-Maliki")."""
        if all(split_code(h.code)[1] is None for h in unit):
            return True
        between = [t for t in doc[before.end:unit[0].start] if not t.is_punct]
        titles = [t for t in between if self._title_word(t)]
        while (between and between[-1] not in titles and between[-1].is_title and between[-1].is_alpha
               and not _headline(between[-1].sent)):  # first names before a surname (a headline's verb is none)
            between.pop()
        if between and between[-1] in titles and all(t in titles for t in between):
            return False
        return any(not self._title_word(t) and not t.is_punct
                   for t in doc[before.end:unit[0].start])

    def _owned(self, doc: Any, country: _Hit, full: _Hit) -> bool:
        """"the Hungarian Communist Workers' Party": a bare country word, then (past words that name no
        sector) an institution's name of another country, not a person's."""
        if split_code(country.code)[1] is not None or split_code(full.code)[1] is None or full.parts:
            return False
        if any(doc[t].ent_type_ == "PERSON" for t in range(full.start, full.end)):
            return False
        last = doc[full.end - 1].lower_
        return last in ORG_HEADS and not any(self._sector(doc[t]) for t in range(country.end, full.start))

    def _titled_namesake(self, doc: Any, country: _Hit, person: _Hit) -> bool:
        """"Palestinian Foreign Minister Riad Al-Maliki": a country word, then an office title, then a known
        person's name of another country: the text says whose office it is (the dictionary's Al-Maliki is
        Iraq's prime minister, a namesake)."""
        theirs, own = split_code(country.code)[0], split_code(person.code)
        if not theirs or not own[0] or own[0] == theirs or not own[1] or country.end > person.start:
            return False
        between = [t for t in doc[country.end:person.start] if not t.is_punct]
        return bool(between) and any(self._sector(t) for t in between) and all(
            self._title_word(t) or t.is_title for t in between)

    def _group(self, doc: Any, start: int, end: int, head: int, hits: list[_Hit]) -> ActorMention | None:
        """"US-Japan-S. Korea Military Drills": one mention whose members are the countries, each with
        the sector the words give (MIL here)."""
        first = self._mention(doc, start, end, head, [h for h in hits if not h.parts][:1])
        sector = first.span.sector if first is not None else None
        s, e = _trim(doc, start, end)
        text, a, b = doc[s:e].text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        countries = list(dict.fromkeys(c for h in hits for c in _countries(h)))
        reason = COMPOUND + "+".join(countries)
        members = tuple(ActorMention(ActorSpan(text, a, b, join_code(c, sector), c, sector), s, e, head, reason)
                        for c in countries)
        return ActorMention(ActorSpan(text, a, b, None), s, e, head, reason, members)

    def _titled(self, doc: Any, start: int, hit: _Hit, code: str, why: str) -> tuple[str, str]:
        """An explicit office title before the name (and no "former") gives the role the text claims."""
        words = [doc[t] for t in range(start, hit.start)]
        if any(t.lower_ in FORMER for t in words):
            return code, why
        for t in reversed(words):
            sector = self._sector(t)
            if sector in ("GOV", "MIL", "LEG", "JUD"):
                return join_code(split_code(code)[0], sector), f"{why}+title:{t.lower_}"
        return code, why

    def _title_word(self, tok: Any) -> bool:
        """A word of an office or body's title: one that names a sector ("Minister", "Army") or a title word."""
        return bool(self._sector(tok)) or tok.lower_ in TITLE_WORDS

    def _sector(self, tok: Any) -> str | None:
        word = tok.lower_
        if word in ("general", "generals") and (office := _office_before(tok)) is not None:
            return self._sector(office)  # "consul-general", "secretary general": the office's sector, not the army's
        return self.kb.agents.get(word) or self.kb.agents.get(tok.lemma_.lower()) or \
            (self.kb.agents.get(word[:-1]) if word.endswith("s") else None)

    def _mention(self, doc: Any, start: int, end: int, head: int, inside: list[_Hit]) -> ActorMention | None:
        if inside:  # a name the parser split over two chunks: the mention covers the whole name
            start, end = min(start, inside[0].start), max(end, inside[-1].end)
        inside = [h for h in inside if not _place_of(doc, h, head)]
        sector_tok = doc[head]
        sector = self._sector(sector_tok)
        if any(h.start <= head < h.end for h in inside):  # "the Soviet Union": the name is the head, no sector noun
            sector = None
        if sector is None:  # "a U.S. Supreme Court decision": the nearest compound noun that names a sector
            named = {t for h in inside if h.code and split_code(h.code)[1] is None  # "General Association of
                     for t in range(h.start, h.end)}  # Korean Residents in Japan": a word of a country's name
            for t in range(head - 1, start - 1, -1):
                if t not in named and doc[t].dep_ == "compound" and doc[t].head.i == head and self._sector(doc[t]):
                    sector_tok, sector = doc[t], self._sector(doc[t])
                    break
        full = [h for h in inside if h.code and split_code(h.code)[1]]
        countries = [h for h in inside if h.code and not split_code(h.code)[1]]
        if full and (full[-1].end - 1 == head or not sector):
            code, why = full[-1].code, f"dict:{full[-1].name}"
            own = split_code(code)
            if own[0] is None and own[1] != "IGO" and countries:  # "Japan's Joint Chiefs of Staff" → JPNMIL
                code, why = join_code(split_code(countries[0].code)[0], own[1]), f"dict:{countries[0].name}+{why}"
            elif countries and countries[0].start < full[-1].start and self._owned(doc, countries[0], full[-1]):
                code, why = join_code(split_code(countries[0].code)[0], own[1]), f"dict:{countries[0].name}+{why}"
            elif countries and self._titled_namesake(doc, countries[-1], full[-1]):
                code, why = join_code(split_code(countries[-1].code)[0], own[1]), f"dict:{countries[-1].name}+{why}"
            if code.endswith("ELI"):  # "Prime Minister Fumio Kishida" out of office on `on`: the title wins
                code, why = self._titled(doc, start, full[-1], code, why)
        elif countries or full:
            base = (countries or full)[0]
            country = split_code(base.code)[0]
            if sector is None:
                sector = split_code(base.code)[1]
            code = join_code(country, sector) if country else base.code  # "UN officials" stay IGOUNO
            why = f"dict:{base.name}" + (f"+agent:{sector_tok.lower_}" if sector else "")
        elif _puppet(doc, start, end):  # "the puppet group", "the puppet authorities": south Korea's
            code = join_code(PUPPET_COUNTRY, sector)
            why = f"puppet:{PUPPET_COUNTRY}" + (f"+agent:{sector_tok.lower_}" if sector else "")
        elif sector:
            code, why = sector, f"agent:{sector_tok.lower_}"
        elif doc[head].ent_type_ in ENTITY_LABELS or (doc[head].pos_ == "PROPN" and not doc[head].ent_type_):
            code, why = None, f"entity:{doc[head].ent_type_ or 'PROPN'}"
        else:
            return None
        s, e = _trim(doc, start, end)
        country, sec = split_code(code)
        span = ActorSpan(doc[s:e].text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), code, country, sec)
        return ActorMention(span, s, e, head, why)


MERGE_PREPS = frozenset({"of", "for", "from", "in"})
BASED_IN = frozenset({"headquartered", "based"})  # see _based_in
# What is held somewhere: a country named as its place is its people there (see _as_place)
OCCURRENCE_VERBS = frozenset({"hold", "take", "open", "stage", "organize", "organise", "celebrate", "observe",
                              "inaugurate", "launch", "display", "exhibit", "publish", "print", "broadcast",
                              "found", "form", "set", "establish", "screen", "sponsor", "host", "run", "mourn",
                              "commemorate", "mark"})
OCCURRENCE_NOUNS = frozenset({"meeting", "seminar", "exhibition", "rally", "ceremony", "service", "lecture", "show",
                              "symposium", "demonstration", "festival", "concert", "performance", "event"})
# "A court in Bavaria", "police in Lagos", "authorities in Pakistan": home institutions take the place's
# country; soldiers and diplomats "in" a country are often foreign, so they do not.
IN_SECTORS = frozenset({"JUD", "COP", "GOV", "LEG", "OPP", "PTY", "CVL", "EDU", "LAB", "MED", "BUS", "NGO", "PPL"})
FOREIGN_HEADS = frozenset({"ambassador", "envoy", "diplomat", "diplomats", "embassy", "delegation", "mission",
                           "counterpart", "consul", "consulate"})


def mention_at(mentions: list[ActorMention], start: int, end: int) -> ActorMention | None:
    """The mention that overlaps the char span [start, end) the most (a span tagged by another coder),
    or None. A group ("the two leaders") comes back whole: its ``members`` are the actors."""
    best, most = None, 0
    for m in mentions:
        overlap = min(end, m.span.end) - max(start, m.span.start)
        if overlap > most:
            best, most = m, overlap
    return best


def _merge_of_country(doc: Any, mentions: list[ActorMention]) -> list[ActorMention]:
    """"the Foreign Ministry of China", "a spokesperson for North Korea's Foreign Ministry", "officials from
    Seoul", "a court in Bavaria": a sector-only mention (or a puppet one: "the puppet government of
    Afghanistan"), then of/for/from/in + a country mention → one mention with that country. After for/from
    the sector is the second mention's where it has one (a spokesperson for the army speaks for MIL). An
    organisation "headquartered in" a country is that country's (``_based_in``), and so is an office of a
    portfolio of a country (``_portfolio``); the city an international body, embassy or mission sits in is no
    actor (``_seat_of``)."""
    out: list[ActorMention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and _based_in(doc, prev, m):
            out[-1] = _with_country(doc, prev, m, prev.span.sector, "based in")
            continue
        if prev is not None and _seat_of(doc, prev, m):
            continue
        if len(out) >= 2 and _group_of_in(doc, out[-2], prev, m):  # "the Association of Koreans in China"
            group = out.pop(-2)
            out[-1] = _with_country(doc, group, m, group.span.sector, "of ... in")
            continue
        if len(out) >= 2 and _portfolio(doc, out[-2], prev, m):
            office = out.pop(-2)
            out[-1] = _with_country(doc, office, m, office.span.sector, "of")
            continue
        prep = doc[prev.tok_end] if prev and prev.tok_end < len(doc) else None
        if (prev and prep is not None and (prev.span.country is None or prev.reason.startswith("puppet:"))
                and prev.span.sector
                and prev.span.sector != "IGO" and m.span.country and m.tok_start == prev.tok_end + 1
                and prep.lower_ in MERGE_PREPS and prep.head.i == prev.head and not doc[m.head].conjuncts
                and (prep.lower_ != "of" or m.span.sector in (None, "GOV"))
                and (prep.lower_ != "in" or (prev.span.sector in IN_SECTORS
                                             and doc[prev.head].lower_ not in FOREIGN_HEADS))):
            sector = m.span.sector if prep.lower_ in ("for", "from") and m.span.sector else prev.span.sector
            out[-1] = _with_country(doc, prev, m, sector, prep.lower_)
            continue
        out.append(m)
    return out


def _as_place(doc: Any, m: ActorMention) -> ActorMention:
    """A country named alone as where something was held, opened or published ("memorial services were held in
    UK", "exhibitions took place in Italy, Nepal and Mexico", "a meeting in Britain") is its people there, not its
    state: the country's PPL (the state would be what ``analysis.state`` counts in a bloc)."""
    if m.span.sector is not None or not m.span.country or m.members:
        return m
    tok = first_conjunct(doc[m.head])
    prep = tok.head
    place_of = prep.head.lemma_.lower()
    if tok.dep_ != "pobj" or prep.lower_ != "in" or place_of not in OCCURRENCE_VERBS | OCCURRENCE_NOUNS:
        return m
    if place_of in OCCURRENCE_NOUNS and prep.head.pos_ != "NOUN":
        return m
    if place_of == "take" and not any(c.lower_ == "place" for c in prep.head.children):
        return m
    span = ActorSpan(m.span.text, m.span.start, m.span.end, join_code(m.span.country, "PPL"), m.span.country, "PPL")
    return ActorMention(span, m.tok_start, m.tok_end, m.head, f"{m.reason}+place of '{prep.head.text}'")


def _group_of_in(doc: Any, group: ActorMention, member: ActorMention, m: ActorMention) -> bool:
    """"The General Association of Koreans in China": a body without a country, of + its members (no country),
    in + a country mention that the parse hangs on the body: the body is in that country, as "a friendship
    association in Finland" is."""
    if group.span.country is not None or group.span.sector not in IN_SECTORS or member.span.country is not None:
        return False
    if not m.span.country or doc[m.head].conjuncts or doc[group.head].lower_ in FOREIGN_HEADS:
        return False
    if member.tok_start != group.tok_end + 1 or m.tok_start != member.tok_end + 1:
        return False
    of, into = doc[group.tok_end], doc[member.tok_end]
    return (of.lower_ == "of" and into.lower_ == "in" and of.head.i == group.head
            and into.head.i in (group.head, member.head))


def _with_country(doc: Any, prev: ActorMention, m: ActorMention, sector: str | None, link: str) -> ActorMention:
    """``prev`` and the country mention ``m`` after it as one mention of ``m``'s country's ``sector``."""
    country = m.span.country
    span = ActorSpan(doc[prev.tok_start:m.tok_end].text, prev.span.start, m.span.end, join_code(country, sector),
                     country, sector)
    return ActorMention(span, prev.tok_start, m.tok_end, prev.head, f"{prev.reason}+{link}:{m.reason}")


def _seat_of(doc: Any, prev: ActorMention, m: ActorMention) -> bool:
    """"The UN Office at Vienna", "the DPRK mission in Vienna", "the U.S. embassy in Seoul": a city right
    after an international body, or after a country's embassy or mission, by at/in is where it sits, not
    the host country's government acting (Austria did nothing when the UN's director paid a visit to the
    DPRK's mission there)."""
    if prev.span.sector != "IGO" and not (prev.span.country and doc[prev.head].lower_ in FOREIGN_HEADS):
        return False
    if m.tok_start != prev.tok_end + 1 or m.tok_end - m.tok_start != 1:
        return False
    prep = doc[prev.tok_end]
    return (prep.lower_ in ("at", "in") and prep.head.i == prev.head and m.span.sector == "GOV"
            and doc[m.tok_start].lower_ not in _country_names())


def _portfolio(doc: Any, office: ActorMention, name: ActorMention, m: ActorMention) -> bool:
    """"The minister of Unification of south Korea", "the Ministry of Foreign Affairs of Belarus": a
    government office without a country, of + a portfolio's name (no country, no sector of its own), of + a
    country mention: the office is that country's."""
    if office.span.country is not None or office.span.sector != "GOV" or not m.span.country:
        return False
    if name.span.country is not None or name.span.sector is not None or doc[m.head].conjuncts:
        return False
    return (name.tok_start == office.tok_end + 1 and m.tok_start == name.tok_end + 1
            and doc[office.tok_end].lower_ == "of" and doc[name.tok_end].lower_ == "of"
            and doc[office.tok_end].head.i == office.head)


def _based_in(doc: Any, prev: ActorMention, m: ActorMention) -> bool:
    """"The Korean Friendship Association headquartered in Spain": an organisation without a country (a sector
    word or a named organisation), then headquartered/based in + a country mention. Troops and bases "based in
    Japan" are often foreign ones, so a military or international body takes no country this way."""
    if (prev.span.country is not None or prev.span.sector in ("IGO", "MIL") or not m.span.country
            or (prev.span.sector is None and prev.reason != "entity:ORG")
            or m.tok_start != prev.tok_end + 2 or doc[m.head].conjuncts):
        return False
    verb, prep = doc[prev.tok_end], doc[prev.tok_end + 1]
    return verb.lower_ in BASED_IN and verb.head.i == prev.head and prep.lower_ == "in"


def _candidate_spans(doc: Any) -> list[tuple[int, int, int]]:
    """Noun chunks, then entities that no chunk covers: (start, end, head)."""
    spans: list[tuple[int, int, int]] = []
    for start, end, root in noun_chunk_spans(doc):
        spans += _split_on_cc(doc, *_before_weekday(doc, start, end, root))
    covered = {t for s, e, _ in spans for t in range(s, e)}
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and not any(t in covered for t in range(ent.start, ent.end)):
            spans.append((ent.start, ent.end, ent.root.i))
    return spans


DASHES = frozenset({"–", "—", "-", "--", "―"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _before_weekday(doc: Any, start: int, end: int, root: int) -> tuple[int, int, int]:
    """A chunk that runs on past a weekday ends before it: in a lead sentence the parser glues the day and the verb
    after it into the subject ("Leading papers of the DPRK Saturday dedicate articles" is "the DPRK"). A day that
    ends the chunk stays ("Rodong Sinmun Monday": the model was trained on such spans)."""
    cut = next((t for t in range(start + 1, end - 1) if doc[t].lower_ in WEEKDAYS), None)
    if cut is None:
        return start, end, root
    return start, cut, root if root < cut else cut - 1


CURRENCY_NOUNS = frozenset({"dollar", "dollars", "euro", "euros", "yen", "won", "yuan", "renminbi", "ruble", "rubles",
                            "rouble", "roubles", "pound", "pounds", "franc", "francs", "rupee", "rupees", "peso",
                            "pesos", "currency"})
# Envoys "to" several countries: each country is where one of them serves, not an actor of the sentence
# ("Chinese ambassadors to India, Laos and Nepal paid visits to the DPRK embassies there": India, Laos and Nepal
# do nothing). One envoy's host stays: "Russian Ambassador to DPRK Gives Reception" is an event with the host.
POSTED_NOUNS = frozenset({"ambassadors", "envoys", "consuls", "attaches", "attachés", "diplomats"})


ENTOURAGE_OWNERS = frozenset({"his", "her", "their"})


def _entourages(doc: Any, mentions: list["ActorMention"]) -> list["ActorMention"]:
    """"X and his party arrived": the party is X's entourage, not a political party. It takes the country of
    X (of a mention in X's phrase: "L. Purevsuren, adviser to the president of Mongolia, and his party"), or
    is no actor where X has none."""
    by_token = {t: m for m in mentions for t in range(m.tok_start, m.tok_end)}
    out = []
    for m in mentions:
        head = doc[m.head]
        before = doc[m.tok_start - 1] if m.tok_start else head
        first = head.head if head.dep_ == "conj" else before.head if before.lower_ == "and" else None
        if head.lower_ != "party" or first is None or m.members or not any(
                doc[t].lower_ in ENTOURAGE_OWNERS for t in range(m.tok_start, m.head)):
            out.append(m)
            continue
        owner = next((o for t in first.subtree if (o := by_token.get(t.i)) is not None and o is not m
                      and o.span.country and o.tok_end <= m.tok_start), None)
        if owner is not None:
            sp = m.span
            out.append(ActorMention(ActorSpan(sp.text, sp.start, sp.end, owner.span.country, owner.span.country, None),
                                    m.tok_start, m.tok_end, m.head, f"entourage of:{owner.span.text}"))
    return out


def _federal_state(toks: list[Any], before: list[_Hit], hit: _Hit) -> bool:
    """"the U.S. state of Georgia", "the Indian state of Punjab": a country's state named like a country (or a
    place) is no country; the country named before "state of" is the actor."""
    i = hit.start
    return (i >= 3 and toks[i - 1].lower_ == "of" and toks[i - 2].lower_ == "state" and bool(before)
            and before[-1].end == i - 2 and split_code(before[-1].code)[0] is not None)


PAST_AGES = frozenset({"ancient", "antique", "medieval", "mediaeval"})  # a past civilisation's name is no actor


def _money(doc: Any, m: "ActorMention") -> bool:
    """"100,000 U.S. dollars", "Japanese yen": a country naming a currency is no actor."""
    return not m.members and not m.span.sector and doc[m.head].lower_ in CURRENCY_NOUNS and m.head >= m.tok_end - 1


def _posting(doc: Any, m: "ActorMention") -> bool:
    """A country that only says where envoys serve: "ambassadors to India, Laos and Nepal" (the object of "to"
    after a plural envoy noun, or a country listed with it)."""
    if m.members or m.span.sector:
        return False
    tok = first_conjunct(doc[m.head])
    prep = tok.head
    return (tok.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lower_ in POSTED_NOUNS
            and prep.head.i < m.tok_start)


def _dateline(doc: Any, m: "ActorMention") -> bool:
    """"SEOUL –" or "PYONGYANG, June 19 (Yonhap) --": a place name opening a sentence, then a dash; or
    "Greece (Brussels Morning) China's …": a place opening a line, then an outlet's name in brackets (both
    are no actor)."""
    if m.tok_end >= len(doc):
        return False
    first = doc[m.tok_start].sent.start
    close = _bracketed_dateline(doc, first)
    if close is not None and m.tok_start < close:
        return True
    nxt = doc[m.tok_end]
    if not doc[first].is_upper or m.tok_start - first > 3:
        return False
    if m.span.code is None and m.tok_start == first and nxt.text == "," and doc[m.tok_start:m.tok_end].text.isupper():
        after = doc[m.tok_end + 1:min(len(doc), m.tok_end + 5)]  # "VOSTOCHNY, Russia –": a place we do not know
        return any(t.text in DASHES for t in after) and any(t.ent_type_ == "GPE" for t in after)
    if m.span.country is None or m.span.sector not in (None, "GOV"):  # "BRICS, ..." is no place
        return False
    if nxt.text == "," and m.tok_start == first:  # "PYONGYANG, March 3 (KCNA) --", not "U.S., S. Korea, Japan Are ..."
        after = doc[m.tok_end + 1:min(len(doc), m.tok_end + 6)]
        return any(t.ent_type_ == "DATE" or t.text in DASHES or t.text == "(" for t in after)
    return nxt.text in DASHES


# Wire services named by their initials in a dateline's brackets ("Seoul (AP) …"); other outlets are in words.
WIRE_INITIALS = frozenset({"AP", "AFP", "KCNA", "UPI", "TASS", "PTI", "IANS", "ANI", "EFE", "ANSA", "KUNA", "MENA",
                           "SPA", "WAM", "QNA", "IRNA", "BSS", "APP", "VNA", "KPL", "SANA", "RIA"})
# Words in brackets after a name in a photo caption ("Kim Jong Un (Left) Meets Putin"): no outlet.
CAPTION_PLACES = frozenset({"left", "right", "center", "centre", "front", "back", "top", "bottom", "l", "r", "c"})


def _bracketed_dateline(doc: Any, first: int) -> int | None:
    """Where the line starting at token ``first`` opens with a place (one to three capitalised words the parser
    takes for no person or organisation), then an outlet in brackets (one to four capitalised words, or a wire's initials: "Greece (Brussels
    Morning)", "Seoul (Yonhap)", "Seoul (AP)"), then a capitalised word, the index of the closing bracket."""
    if first > 0 and "\n" not in doc[first - 1].text and "\n" not in doc[first - 1].whitespace_:
        return None
    opening = next((j for j in range(first + 1, min(len(doc), first + 4)) if doc[j].text == "("), None)
    if opening is None or not all(t.text[:1].isupper() and t.ent_type_ not in ("PERSON", "ORG")
                                  for t in doc[first:opening]):
        return None
    close = next((j for j in range(opening + 2, min(len(doc), opening + 6)) if doc[j].text == ")"), None)
    if close is None or close + 1 >= len(doc) or not doc[close + 1].text[:1].isupper():
        return None
    inside = doc[opening + 1:close]
    if any(t.lower_ in CAPTION_PLACES for t in inside):
        return None
    outlet = all(t.is_title for t in inside) or (len(inside) == 1 and inside[0].text in WIRE_INITIALS)
    return close if outlet else None


def _split_on_cc(doc: Any, start: int, end: int, head: int) -> list[tuple[int, int, int]]:
    """A chunk the parser glued over "and"/"or" becomes one span per conjunct."""
    cuts = [t for t in range(start, end) if doc[t].dep_ == "cc"]
    if not cuts:
        return [(start, end, head)]
    parts, lo = [], start
    for cut in cuts + [end]:
        if cut > lo:
            hi = cut
            parts.append((lo, hi, head if lo <= head < hi else hi - 1))
        lo = cut + 1
    return parts


ANTI_PRO = frozenset({"anti", "pro", "anti-", "pro-", "non"})
ERA_WORDS = frozenset({"era"})  # not "times": "the Japan Times", "the Kuwait Times" are papers
AFTER_HYPHEN = frozenset({"era", "led", "backed", "bashing", "brokered", "sponsored", "allied", "ally", "aligned",
                          "style",
                          "made", "born", "drafted",
                          "based", "funded", "friendly", "leaning", "controlled", "occupied", "built"})


def _modifier_only(toks: Any, hit: "_Hit", country: bool = True) -> bool:
    return modifier_only(toks, hit.start, hit.end, country)


def modifier_only(toks: Any, start: int, end: int, country: bool = True) -> bool:
    """A name inside an adjective that only names a target or origin: "anti-U.S.", "pro-Russian", and for
    a country (not a person: "the Banerjee-led government") "US-led", "Iran-backed"."""
    hit = _Hit(start, end, "", None)
    before = [t.lower_ for t in toks[max(0, hit.start - 2):hit.start]]
    if before and (before[-1] in ANTI_PRO or (len(before) == 2 and before[-1] == "-" and before[0] in ANTI_PRO)):
        return True
    after = [t.lower_ for t in toks[hit.end:hit.end + 2]]
    if not country:
        return False
    if after and after[0].startswith("-") and after[0][1:] in AFTER_HYPHEN:
        return True
    if after and after[0] in ERA_WORDS:  # "their Soviet era defense alliance": a time, no actor
        return True
    return len(after) == 2 and after[0] == "-" and after[1] in AFTER_HYPHEN


def _countries(hit: "_Hit") -> list[str]:
    """The states a dictionary hit names (several for "U.S.-Japan"); regions ("Europe") are none."""
    codes = hit.parts or ((hit.code,) if hit.code else ())
    return [c for c in (split_code(x)[0] for x in codes) if c and c not in REGIONS]


def _hyphen_joined(doc: Any, a: "_Hit", b: "_Hit") -> bool:
    """"US-Japan", "Denmark-DPRK": two names with only a hyphen between them."""
    between = doc[a.end:b.start]
    return len(between) == 1 and between[0].text in DASHES and not between[0].whitespace_ \
        and not doc[a.end - 1].whitespace_


def _korean_side(doc: Any, i: int) -> bool:
    """"the south side", "the North Side's proposal", a headline's "South Side": KCNA's name for either Korea in
    inter-Korean news (about 400 times in 2011), not "the south side of the building"."""
    if i + 1 >= len(doc) or doc[i + 1].lower_ != "side" or (i + 2 < len(doc) and doc[i + 2].lower_ == "of"):
        return False
    headline = doc[i].is_title and doc[i + 1].is_title  # "North Side Sends Notice to South Side"
    return headline or (i >= 1 and doc[i - 1].lower_ == "the")


def _bare_north(doc: Any, i: int) -> bool:
    """"the North" as a noun, not "North Korea" / "North Atlantic" / "the South-North declaration";
    lowercase "the north" (as KCNA writes it) only where no noun or "of" follows ("the north of the
    country", "the south coast" are places)."""
    tok = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    prev = doc[i - 1] if i > 0 else None
    if prev is None or prev.lower_ != "the" or not (tok.is_title or tok.is_lower):
        return False
    if nxt is not None and nxt.text in DASHES:  # "the South-North Joint Declaration" names both
        return False
    if tok.is_lower:
        return nxt is None or (nxt.lower_ != "of" and nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"))
    return nxt is None or nxt.pos_ != "PROPN"


OFFICES_WITH_GENERAL = frozenset({"consul", "secretary", "director", "attorney", "governor", "solicitor",
                                   "inspector", "comptroller", "procurator", "prosecutor"})


def _office_before(tok: Any) -> Any:
    """The office word of "consul-general", "secretary general", "Director General" at ``tok`` ("general"),
    else None."""
    at = tok.i - 1
    if at >= 0 and tok.doc[at].text in DASHES and not tok.doc[at].whitespace_:
        at -= 1
    if at >= 0 and tok.doc[at].lower_ in OFFICES_WITH_GENERAL:
        return tok.doc[at]
    return None


def _may_open_name(toks: Any, i: int) -> bool:
    """A dictionary name starts at a capitalised word (or a non-word: "U.S."); a lowercase direction
    opens one only before a capitalised word ("south Korean", "north Korea"); so does an acronym's plural ("GIs")."""
    tok = toks[i]
    if tok.is_title or tok.is_upper or not tok.is_alpha or (len(tok.text) > 2 and tok.text.endswith("s")
                                                             and tok.text[:-1].isupper()):
        return True
    return tok.lower_ in DIRECTIONS and i + 1 < len(toks) and toks[i + 1].is_title


def _single_word_ok(tok: Any) -> bool:
    """A one-word name that is also an English function word ("US" / "us") counts only in capitals, and so
    does a two-letter one ("UN", "UK"; "Un" and "Uk" are parts of Korean names: "Kim Un Hye", "Hyon Uk")."""
    return name_word_ok(tok.text)


def name_word_ok(word: str) -> bool:
    """Whether ``word`` written so may be a one-word name: not "us", "Us", "Un" (see ``_single_word_ok``)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    lower = word.lower()
    return word.isupper() or (lower not in STOP_WORDS and len(lower) > 2)


def _headline(sent: Any) -> bool:
    """A title-case line: hardly a word of four letters or more in it is written in lowercase, function
    words aside (title case leaves "from", "with", "against", "away" in lowercase: "Thailand Burns away
    Sweet Potatoes from Japan")."""
    words = [t for t in sent if t.is_alpha and len(t) > 3 and t.lower_ not in _title_case_lower()]
    return bool(words) and sum(t.is_lower for t in words) <= 0.15 * len(words)


TITLE_CASE_LOWER = frozenset({"away", "amid", "near", "till", "unto", "versus"})
# Adverbs a headline's participle may have after it ("Kim Jong Il Lauded Abroad")
HEADLINE_ADVERBS = frozenset({"abroad", "again", "here", "there", "home", "jointly", "widely", "everywhere",
                              "worldwide", "overseas", "today"})
# Who acts in a headline, besides agent nouns and organisations: "Russian Delegation Visits ..."
HEADLINE_BODIES = frozenset({"delegation", "troupe", "team", "mission", "embassy", "daily", "newspaper", "paper",
                             "agency", "envoy", "spokesman", "spokesperson"})
# Plural nouns of the news that are also verbs in -s: no headline verb unless a name is its subject
HEADLINE_PLURALS = frozenset({"move", "base", "rule", "change", "mass", "arm", "force", "relation", "affair", "nation",
                              "state", "game", "sport", "art", "work", "talk", "exercise", "drill", "raid", "visit",
                              "step", "act", "plan", "measure", "need", "right", "interest", "demand", "call"})


@lru_cache(maxsize=1)
def _package_words() -> EventWords:
    """The event words of the package's lexicon (``verbs.json``), for a resolver built without a lexicon."""
    from importlib import resources

    data = json.loads(resources.files("blocwatch.data").joinpath("verbs.json").read_text("utf-8"))
    return EventWords.from_keys(data["entries"])


def _present_lemmas(word: str) -> set[str]:
    """What a word in -s may inflect: "fires" fire, "seizes" seize, "flies" fly."""
    out = {word[:-1]}
    if word.endswith("es"):
        out.add(word[:-2])
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    return out


def _past_lemmas(word: str) -> set[str]:
    """What a word in -ed may inflect: "mourned" mourn, "praised" praise, "slammed" slam, "denied" deny."""
    out = {word[:-2], word[:-1]}
    if len(word) > 4 and word[-3] == word[-4]:
        out.add(word[:-3])
    if word.endswith("ied"):
        out.add(word[:-3] + "y")
    return out


@lru_cache(maxsize=1)
def _title_case_lower() -> frozenset[str]:
    """The words title case leaves in lowercase: spaCy's stop words and ``TITLE_CASE_LOWER``."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | TITLE_CASE_LOWER


def korean_story(doc: Any) -> bool:
    """Whether the document is about Korea (it names Korea, Pyongyang, Seoul, the DPRK, a Kim Jong ...);
    cached on the Doc."""
    found = doc.user_data.get("blocwatch.korean")
    if found is None:
        text = doc.text.lower()
        found = doc.user_data["blocwatch.korean"] = any(w in text for w in KOREAN_CONTEXT)
    return found


def _acronyms(doc: Any, mentions: list[ActorMention]) -> list[ActorMention]:
    """An acronym the story spells out takes the country of the name it shortens: in a story that names
    "the Communist Party of Cuba", "the CPC" is Cuba's, not China's (a headline's acronym too). The name is
    a mention with a country whose capitalised words, from any one of them to its end, have the acronym's
    letters as initials; a story spelling one acronym for two countries changes nothing. An acronym the
    dictionaries do not know ("the WPM", a named entity without a country) takes that country too."""
    def words(m: ActorMention) -> list[str]:
        return [t.text for t in doc[m.tok_start:m.tok_end] if t.is_alpha and (t.is_title or t.is_upper)]

    spelled: dict[str, dict[str, ActorMention]] = {}
    for m in mentions:
        names = words(m)
        if m.span.country and not m.members and len(names) >= 2:
            for k in range(len(names) - 1):
                spelled.setdefault("".join(w[0] for w in names[k:]).upper(), {})[m.span.country] = m
    out = []
    for m in mentions:
        caps = [t for t in doc[m.tok_start:m.tok_end] if t.is_upper and t.is_alpha and len(t) >= 2]
        named = spelled.get(caps[0].text, {}) if len(caps) == 1 and len(words(m)) <= 2 else {}
        if len(named) == 1 and m.span.country not in named and not m.members:
            name = next(iter(named.values()))
            sp = m.span
            sector = sp.sector or name.span.sector
            code = join_code(name.span.country, sector)
            m = ActorMention(ActorSpan(sp.text, sp.start, sp.end, code, name.span.country, sector), m.tok_start,
                             m.tok_end, m.head, f"{m.reason}+spelled:{name.span.text}", m.members)
        out.append(m)
    return _new_acronyms(doc, out, spelled)


def _new_acronyms(doc: Any, mentions: list[ActorMention],
                  spelled: dict[str, dict[str, ActorMention]]) -> list[ActorMention]:
    """An acronym no dictionary knows is the actor whose name the story spells out: after "the Lao People's
    Revolutionary Party (LPRP)" or "the Workers' Party of Mexico (WPM)", a bare "LPRP" or "WPM" is that party
    (three letters or more, one country spelled for it; a name without a country, "the National Security
    Law (NSL)", makes no actor)."""
    covered = {t for m in mentions for t in range(m.tok_start, m.tok_end)}
    added = []
    for tok in doc:
        named = spelled.get(tok.text, {}) if tok.is_upper and tok.is_alpha and len(tok) >= 3 else {}
        if len(named) != 1 or tok.i in covered or (tok.i and doc[tok.i - 1].text in (*DASHES, *ANTI_PRO)):
            continue  # "anti-DPRK", "anti-RPDC" name no actor
        name = next(iter(named.values()))
        if name.tok_start <= tok.i < name.tok_end:
            continue
        sp = name.span
        added.append(ActorMention(ActorSpan(tok.text, tok.idx, tok.idx + len(tok), sp.code, sp.country, sp.sector),
                                  tok.i, tok.i + 1, tok.i, f"spelled:{sp.text}"))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m.tok_start)


def _place_of(doc: Any, hit: _Hit, head: int) -> bool:
    """A city that only names where a document was signed or an event held: "the Oslo accords", "the Moscow
    Declaration", "the Geneva Disarmament Conference" (a one-word name, written as a name and not a
    country's own, modifying a document or event noun). "The U.S. proposal", "Japan's plan" keep their actor."""
    tok = doc[hit.start]
    if hit.end - hit.start != 1 or not tok.is_title or hit.parts or hit.name in _country_names():
        return False
    noun = doc[head]
    return (noun.lemma_.lower() in DOCUMENT_NOUNS or noun.lower_ in DOCUMENT_NOUNS) and tok.dep_ == "compound" \
        and tok.head.i in (head, *(t.i for t in noun.subtree if t.dep_ == "compound"))


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """The everyday names of the countries, lowercase ("kenya", "north korea")."""
    from blocwatch.actors.countries import country_names

    return frozenset(n.lower() for n in country_names().values())


def _puppet(doc: Any, start: int, end: int) -> bool:
    """"the puppet authorities", "the puppets", "las autoridades títeres" in a story about Korea."""
    return korean_story(doc) and any(doc[t].lower_ in PUPPET_WORDS for t in range(start, end))


def _spanish_north(toks: Any, i: int) -> bool:
    """"el Norte", "del Sur", "al Norte" as nouns (the two Koreas), not a province's "Hamgyong del Norte"."""
    if not toks[i].is_title or i == 0 or toks[i - 1].lower_ not in ("el", "del", "al"):
        return False
    before = toks[i - 2] if i >= 2 else None
    return before is None or toks[i - 1].lower_ == "el" or not (before.is_title or before.is_upper)


def _trim(doc: Any, start: int, end: int) -> tuple[int, int]:
    while end - start > 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while end - start > 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def unique(items: list[T]) -> list[T]:
    """Items in order, each object once (by identity: spaCy-derived records need not be hashable)."""
    seen: list[T] = []
    for h in items:
        if all(h is not x for x in seen):
            seen.append(h)
    return seen


def _drop_overlaps(mentions: list[ActorMention]) -> list[ActorMention]:
    out: list[ActorMention] = []
    for m in mentions:
        if out and m.tok_start < out[-1].tok_end:
            continue
        out.append(m)
    return out
