"""Cleaning rules on small hand-written texts: page furniture goes, the story stays."""

from __future__ import annotations

import json
from datetime import date

import pytest

from blocwatch import api
from blocwatch.ingest import IngestOptions, read_sources
from blocwatch.ingest.clean import clean_text
from blocwatch.ingest.pubdate import dateline_date
from blocwatch.records import Article, Failure

LEAD = ("HANOI – Vietnam and Indonesia signed a maritime boundary agreement on Thursday, "
        "the foreign ministries of both countries said.")
MORE = "The agreement settles a dispute over fishing grounds that lasted more than a decade."


def test_caption_sentences_go_but_prose_about_photos_stays():
    caption = "Delegates shake hands in Hanoi in this undated photo provided by the ministry."
    prose = "The ministry released a photo taken on Thursday showing the two ministers at the signing."
    text = clean_text("\n\n".join([LEAD, caption, "File photo: delegates in Hanoi", prose, MORE]))
    assert caption not in text and "File photo" not in text
    assert LEAD in text and prose in text and MORE in text


def test_headline_printed_twice_keeps_one_copy():
    head = "Vietnam, Indonesia settle sea border"
    text = clean_text("\n\n".join([head, "Asia", head, LEAD, MORE]))
    assert text.count(head) == 1 and text.startswith(head) and MORE in text


def test_multi_author_byline_and_credit_lines():
    raw = "\n\n".join(["By Anh Tran and Budi Santoso", "(Reuters)", "Photo: Vietnam News Agency", LEAD,
                       "Sign up for our morning briefing", MORE, "Share this:", "Twitter", "Facebook"])
    text = clean_text(raw)
    assert text.split("\n\n") == [LEAD, MORE]


def test_comment_form_and_everything_after_it_is_dropped():
    raw = "\n\n".join([LEAD, MORE, "Leave a Comment", "Comment", "Name", "Email", "Website",
                       "Save my name, email, and website in this browser for the next time I comment.",
                       "Post Comment", "A closing line that belongs to the page, not the story."])
    assert clean_text(raw).split("\n\n") == [LEAD, MORE]


def test_author_bio_at_the_end_goes():
    bio = "Minh Hoang is a correspondent who writes about Southeast Asian diplomacy for the paper."
    text = clean_text("\n\n".join([LEAD, MORE, "Minh Hoang", bio]))
    assert text.split("\n\n") == [LEAD, MORE]


def test_dateline_prefix_stays_and_more_date_shapes():
    assert clean_text(LEAD).startswith("HANOI –")
    assert dateline_date("Head\nJul. 12, 2022\nBody") == date(2022, 7, 12)
    assert dateline_date("Head\nPosted 2023-11-30 09:15\nBody") == date(2023, 11, 30)


def test_directory_skips_unknown_extensions_but_a_named_file_is_read_as_text(tmp_path):
    (tmp_path / "story.txt").write_text(LEAD, encoding="utf-8")
    (tmp_path / "notes.md").write_text(MORE, encoding="utf-8")
    found = list(read_sources([str(tmp_path)], IngestOptions()))
    assert [a.path.rsplit("/", 1)[-1] for a in found] == ["story.txt"]
    (named,) = read_sources([str(tmp_path / "notes.md")], IngestOptions())
    assert isinstance(named, Article) and named.text == MORE


def test_empty_directory_and_missing_path_are_failures(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.bin").write_bytes(b"\x01")
    got = list(read_sources([str(tmp_path / "d"), str(tmp_path / "nope.txt")], IngestOptions()))
    assert all(isinstance(f, Failure) for f in got)
    assert "no .txt/.html/.jsonl/.xml files" in got[0].reason and "no such file" in got[1].reason


HEADLINES = ["Cuba condemns new US sanctions", "Seoul protests Tokyo textbook", "Hanoi, Jakarta sign sea deal"]


def test_one_line_plain_texts_and_jsonl_records_are_kept_as_they_are(tmp_path):
    """Headlines, wire flashes and short posts are input: boilerplate rules and the length floor are for
    longer texts and must not delete a whole one-line document."""
    (tmp_path / "flash.txt").write_text("  " + HEADLINES[0] + "\n", encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text("".join(json.dumps({"text": h}) + "\n" for h in HEADLINES[1:]),
                                         encoding="utf-8")
    found = list(read_sources([str(tmp_path)], IngestOptions()))
    assert all(isinstance(a, Article) for a in found), found
    assert sorted(a.text for a in found) == sorted(HEADLINES)
    assert all(a.title == a.text for a in found)


def test_short_texts_of_several_lines_are_still_cleaned(tmp_path):
    (tmp_path / "furniture.txt").write_text("Share this:\nFacebook\nTwitter\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(f"By Anh Tran\n\n{LEAD}\n\nShare this:\n", encoding="utf-8")
    furniture, story = read_sources([str(tmp_path / "furniture.txt"), str(tmp_path / "story.txt")], IngestOptions())
    assert isinstance(furniture, Failure) and "no article text" in furniture.reason
    assert isinstance(story, Article) and story.text == LEAD


@pytest.mark.slow
def test_an_ingested_headline_is_stored_and_coded(cli, db_path, tmp_path):
    (tmp_path / "flash.txt").write_text(HEADLINES[0] + "\n", encoding="utf-8")
    result = cli("ingest", tmp_path / "flash.txt", "--db", db_path, "--date", "2024-06-01", "--quiet")
    assert result.exit_code == 0, result.output
    (article,) = api.articles(db_path)
    assert article["text"] == HEADLINES[0]
    assert api.events(db_path)
