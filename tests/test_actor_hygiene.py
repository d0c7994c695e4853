"""Dictionary hygiene (issue 19): no ordinary word alone codes a country or a regional group."""

from __future__ import annotations

import pytest

from blocwatch.actors.hygiene import generic_names, ordinary_entries, ordinary_words
from blocwatch.actors.kb import ActorKB


@pytest.fixture(scope="module")
def kb():
    return ActorKB.from_package()


def test_no_ordinary_word_codes_a_country(kb):
    assert ordinary_entries(kb) == []


def test_the_list_holds_the_words_seen_to_go_wrong():
    words = ordinary_words()
    assert {"youth", "western", "organization", "republic", "workers' party", "revolutionary army",
            "revolutionary struggle", "the foundation"} <= words
    assert not {"china", "japan", "korea", "lao", "nepali"} & words


def test_an_ordinary_word_added_by_a_user_file_is_found(kb, tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("youth\tFRA\t\t\nfriendship society\tGRCREB\t\t\nhanoi\tVNMGOV\t\t\n", encoding="utf-8")
    mine = ActorKB.from_package((str(extra),))
    assert [name for name, _ in ordinary_entries(mine)] == ["friendship society", "youth"]


def test_a_sector_alone_is_no_country(tmp_path):
    kb = ActorKB()
    kb.add("youth", [("EDU", None, None)])
    kb.add("security council", [("IGOUNO", None, None)])
    assert ordinary_entries(kb) == []


def test_generic_names_lists_longer_names_of_ordinary_words(tmp_path):
    kb = ActorKB()
    kb.add("armed revolutionary left", [("ECUREB", None, None)])
    kb.add("korean people's army", [("PRKMIL", None, None)])
    assert [name for name, _ in generic_names(kb)] == ["armed revolutionary left"]
