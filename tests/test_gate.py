"""The story gate (``blocwatch.learned.gate``): features read from the story, the fitted logistic model, its
file, and the learned coder using it. Sentences and numbers are our own."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import numpy as np
import pytest

from blocwatch.errors import ModelError
from blocwatch.learned.gate import (BASE_FEATURES, CROSSED, GATE_FILE, Gate, StoryContext, feature_names, features,
                                    fit)
from blocwatch.learned.pairs import pair_input
from tests.conftest import REPO

LABELS = ["ACCUSE", "SUPPORT", "NONE"]


def probs_for(inp, table: dict[tuple[str, str], tuple[float, float, float]]) -> np.ndarray:
    """Probabilities per pair of ``inp``: the table's row for its countries, else sure NONE."""
    return np.asarray([table.get((inp.countries[a], inp.countries[b]), (0.0, 0.0, 1.0)) for a, b in inp.pairs])


def story(*sentences):
    """Pair inputs and probabilities of a story: each sentence is (text, named countries, implied, table)."""
    inputs, probs = [], []
    for text, named, implied, table in sentences:
        spans = [(c, (text.index(w), text.index(w) + len(w)), None) for c, w in named]
        inp = pair_input(text, spans, [(c, None) for c in implied], "PRK")
        inputs.append(inp)
        probs.append(probs_for(inp, table))
    return inputs, probs


def value(x: np.ndarray, name: str) -> float:
    return float(x[feature_names(LABELS).index(name)])


def test_a_vector_has_one_value_per_named_feature():
    inputs, probs = story(("Pyongyang slams Seoul", [("PRK", "Pyongyang"), ("KOR", "Seoul")], [],
                           {("PRK", "KOR"): (0.7, 0.1, 0.2)}))
    ctx = StoryContext.of(inputs, probs, headline=True)
    x = features(ctx, 0, inputs[0], inputs[0].pairs.index((0, 1)), probs[0][0], LABELS, 0.3)
    assert len(x) == len(feature_names(LABELS)) == len(BASE_FEATURES) + 2 * len(LABELS) + len(CROSSED)
    assert value(x, "p_root") == pytest.approx(0.7) and value(x, "root=ACCUSE") == 1.0
    assert value(x, "headline") == 1.0 and value(x, "src_outlet") == 1.0


def test_the_features_read_the_headline_and_the_sentences_around():
    """The body sentence's pair (DPRK implied → south Korea) is likely in the headline and the sentence after,
    so its context features say so; a pair nothing else makes likely has none."""
    head = ("Pyongyang slams Seoul", [("PRK", "Pyongyang"), ("KOR", "Seoul")], [], {("PRK", "KOR"): (0.9, 0.0, 0.1)})
    body = ("The puppets in Seoul paid the price", [("KOR", "Seoul")], ["PRK"],
            {("PRK", "KOR"): (0.3, 0.0, 0.7), ("KOR", "PRK"): (0.0, 0.2, 0.8)})
    after = ("Seoul will be punished", [("KOR", "Seoul")], ["PRK"], {("PRK", "KOR"): (0.6, 0.0, 0.4)})
    inputs, probs = story(head, body, after)
    ctx = StoryContext.of(inputs, probs, headline=True)
    inp = inputs[1]
    j = inp.pairs.index((inp.countries.index("PRK"), inp.countries.index("KOR")))
    x = features(ctx, 1, inp, j, probs[1][j], LABELS, 0.5)
    assert value(x, "headline_pair") == pytest.approx(0.9) and value(x, "headline_root") == pytest.approx(0.9)
    assert value(x, "next_pair") == pytest.approx(0.6) and value(x, "prev_pair") == pytest.approx(0.9)
    assert value(x, "src_implied") == 1.0 and value(x, "tgt_implied") == 0.0 and value(x, "headline") == 0.0
    assert value(x, "story_pairs") > 0
    back = inp.pairs.index((inp.countries.index("KOR"), inp.countries.index("PRK")))
    y = features(ctx, 1, inp, back, probs[1][back], LABELS, 0.5)
    assert value(y, "headline_pair") == 0.0 and value(y, "story_pairs") == 0.0
    # a story without a headline: the first sentence is no context of that kind
    flat = features(StoryContext.of(inputs, probs, headline=False), 1, inp, j, probs[1][j], LABELS, 0.5)
    assert value(flat, "headline_pair") == 0.0 and value(flat, "prev_pair") == pytest.approx(0.9)


def test_a_sentence_the_pair_head_did_not_read_is_empty_context():
    inputs, probs = story(("Pyongyang slams Seoul", [("PRK", "Pyongyang"), ("KOR", "Seoul")], [],
                           {("PRK", "KOR"): (0.9, 0.0, 0.1)}))
    ctx = StoryContext.of([None, *inputs], [None, *probs], headline=False)
    assert ctx.sentences[0] == {} and ("PRK", "KOR") in ctx.sentences[1]


def fitted(seed: int = 0) -> tuple[Gate, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    names = feature_names(LABELS)
    x = rng.normal(size=(400, len(names)))
    y = (x[:, 0] + 0.5 * x[:, 7] > 0).astype(float)  # p_root and headline_pair decide
    return fit(x, y, names, threshold=0.5), x, y


def test_the_fitted_gate_separates_what_it_learned_and_is_deterministic():
    gate, x, y = fitted()
    kept = np.asarray([gate.score(row) >= gate.threshold for row in x])
    assert (kept == (y == 1)).mean() > 0.95
    again, _, _ = fitted()
    assert np.array_equal(gate.weights, again.weights) and gate.bias == again.bias


def test_the_gate_file_round_trips_and_refuses_other_features(tmp_path):
    gate, x, _ = fitted()
    gate.save(tmp_path)
    back = Gate.load(tmp_path, LABELS)
    assert back is not None and back.score(x[0]) == pytest.approx(gate.score(x[0]), abs=1e-6)
    assert Gate.load(tmp_path / "nowhere", LABELS) is None
    with pytest.raises(ModelError, match="other features"):
        Gate.load(tmp_path, ["ACCUSE", "NONE"])
    (tmp_path / GATE_FILE).write_text("{not json", "utf-8")
    with pytest.raises(ModelError, match="cannot read the story gate"):
        Gate.load(tmp_path, LABELS)


def test_the_gate_learns_only_from_stories_the_encoder_and_the_evaluation_never_saw():
    """No story of the test split (by the hash of its id), of the tuning set dev2 or of the silver stories
    ``make train`` trains on is a story the gate learns from."""
    import importlib.util

    from blocwatch.events.realeval import read_real_gold
    from blocwatch.events.realgold import gold_split

    spec = importlib.util.spec_from_file_location("train_gate", REPO / "scripts" / "train_gate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    stories = mod.gate_stories(mod.SILVER_LAST)
    ids = [s.id for s in stories]
    assert ids and len(ids) == len(set(ids))
    assert all(gold_split(i) != "test" for i in ids)
    dev2 = {s.id for s in read_real_gold(REPO / "gold" / "kcna2011" / "dev2.jsonl")}
    assert not dev2 & set(ids)
    silver = [s.id for s in read_real_gold(REPO / "gold" / "kcna2011" / "silver.jsonl")]
    trained = set(s.id for s in mod.gate_stories(0)[:mod.SILVER_LAST])
    assert not trained & set(ids) and trained <= set(silver)


@pytest.mark.slow
def test_the_coder_keeps_what_the_gate_keeps_in_a_story_and_not_in_a_lone_sentence(pipeline, nlp, monkeypatch):
    """In a story the pair head's events are the gate's (their reason gives its score): those it scores over its
    threshold, and those over the floors it scores at least GATE_VETO. A gate that keeps nothing leaves the floors'
    events it does not veto, and none once it vetoes all; one that keeps everything leaves more. A lone sentence is
    no story: the floors decide there."""
    import blocwatch.learned.coder as coder_module
    from blocwatch.learned.coder import LearnedCoder

    shipped = pipeline.coder.model
    assert shipped.gate is not None
    text = ("DPRK Slams U.S. Sanctions\n\nThe DPRK foreign ministry on Friday condemned the United States for its "
            "new sanctions. The U.S. is trying to isolate the country, the ministry said. It urged Washington to "
            "drop its hostile policy at once.")
    doc = nlp(text)

    def pair_events(gate) -> list:
        coder = LearnedCoder(pipeline.coder.rules, model=replace_gate(shipped, gate))
        return [e for e in coder.code(doc, doc_id="t") if "-pair" in e.reason]

    def key(events) -> set:
        return {(e.source.country, e.target.country, e.plover) for e in events}

    now = pair_events(shipped.gate)
    assert now and all("story gate" in e.reason for e in now)
    floors = pair_events(None)
    assert floors and not any("story gate" in e.reason for e in floors)
    assert key(pair_events(replace(shipped.gate, threshold=1.01))) <= key(floors)
    assert len(pair_events(replace(shipped.gate, threshold=0.0))) > len(now)
    monkeypatch.setattr(coder_module, "GATE_VETO", 1.01)
    assert pair_events(replace(shipped.gate, threshold=1.01)) == []
    alone = LearnedCoder(pipeline.coder.rules, model=shipped).code(
        nlp("The DPRK foreign ministry on Friday condemned the United States for its new sanctions."), doc_id="s")
    assert alone and not any("story gate" in e.reason for e in alone)


def replace_gate(model, gate):
    """A shallow copy of ``model`` with another gate (the runner and tokenizer are shared)."""
    import copy

    out = copy.copy(model)
    out.gate = gate
    return out


@pytest.mark.slow
def test_a_model_directory_without_a_gate_keeps_the_floors(tmp_path):
    from blocwatch.learned.model import MODEL_NAME, EventModel

    src = REPO / "src" / "blocwatch" / "data" / "models" / MODEL_NAME
    for f in src.iterdir():
        if f.name != GATE_FILE:
            (tmp_path / f.name).symlink_to(f)
    assert EventModel.load(tmp_path).gate is None
    shutil.copy(src / GATE_FILE, tmp_path / GATE_FILE)
    assert EventModel.load(tmp_path).gate is not None
    assert EventModel.load(tmp_path, gate=False).gate is None
    assert json.loads((tmp_path / GATE_FILE).read_text("utf-8"))["trained_on"]["stories"] > 0


class CountingModel:
    """The shipped model, counting the span head's calls (the sentences it reads without a pair)."""

    def __init__(self, model):
        self._model = model
        self.read: list[str] = []

    def __getattr__(self, name):
        return getattr(self._model, name)

    def predict(self, texts):
        self.read += texts
        return self._model.predict(texts)


@pytest.mark.slow
def test_a_story_sentence_that_names_no_country_is_not_read_and_nothing_is_lost(pipeline, nlp, monkeypatch):
    """An event needs a country on its sides in a story (``_placed``): a sentence whose only actor is the UN gives
    none, so the model does not read it; the story's events are those of reading every sentence (on 450 KCNA
    stories and the example and seed articles, the events were the same)."""
    import blocwatch.learned.coder as coder_module
    from blocwatch.learned.coder import LearnedCoder

    doc = nlp("Art Festival Opens in Pyongyang\n\nThe DPRK culture ministry opened an art festival in Pyongyang on "
              "Monday. The United Nations opened a meeting on the climate on Tuesday. The DPRK writers union denounced the "
              "DPRK police for the arrest of its members.")  # one country: the span head reads each sentence
    model = CountingModel(pipeline.coder.model)
    coder = LearnedCoder(pipeline.coder.rules, model=model)
    skipped = coder.code(doc, doc_id="t")
    assert not any("United Nations" in t for t in model.read)
    monkeypatch.setattr(coder_module, "_names_a_country", lambda sent, idx: True)
    model.read.clear()
    every = coder.code(doc, doc_id="t")
    assert any("United Nations" in t for t in model.read)
    assert [e.to_dict() for e in skipped] == [e.to_dict() for e in every] and skipped


@pytest.mark.slow
def test_a_spanish_sentence_read_through_its_gloss_needs_less_from_the_gate(pipeline, nlp, monkeypatch):
    """The model reads a Spanish sentence through a word-by-word gloss it never saw in training, and its
    probabilities there run low: the gate keeps such a pair at ``GLOSSED_GATE_EASE`` under its threshold. The
    demand of the last sentence is found with the ease and not without; an English story is the same either way."""
    import blocwatch.learned.coder as coder_module

    spanish = nlp("Condenan a las autoridades surcoreanas\n\nLas autoridades surcoreanas rehusaron otra vez el "
                  "dialogo con el Norte. Ellas persiguen solo la confrontacion con los compatriotas. Las autoridades "
                  "surcoreanas deben abandonar de inmediato su politica de confrontacion.")
    english = nlp("DPRK Slams U.S. Sanctions\n\nThe DPRK foreign ministry on Friday condemned the United States for "
                  "its new sanctions. The U.S. is trying to isolate the country, the ministry said.")

    def coded(doc) -> set:
        return {(e.source.country, e.target.country, e.plover, e.sentence_start)
                for e in pipeline.coder.code(doc, doc_id="t") if "-pair" in e.reason}

    assert coder_module.GLOSSED_GATE_EASE > 0
    eased, english_eased = coded(spanish), coded(english)
    demand = spanish.text.index("Las autoridades surcoreanas deben")
    assert ("PRK", "KOR", "REQUEST", demand) in eased
    monkeypatch.setattr(coder_module, "GLOSSED_GATE_EASE", 0.0)
    assert ("PRK", "KOR", "REQUEST", demand) not in coded(spanish)
    assert coded(english) == english_eased
