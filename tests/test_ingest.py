"""Ingestion: formats, news structure, bad input."""

from __future__ import annotations

import json

import pytest

from kg.extract.ingest import Skipped, analyse_structure, find_dateline, find_trailer, find_updates
from kg.extract.readers import read_documents

LIVE_BLOG = (
    "WASHINGTON (AP) - The Latest on the budget talks (all times local):\n"
    "4:05 p.m.\nSenators say a deal is close.\n___\n"
    "11:30 a.m.\nThe White House says talks continue.\n"
    "Please read our comment policy before commenting."
)


def test_dateline_place_and_agency():
    dateline = find_dateline("PHILADELPHIA (AP) - The Latest on Philadelphia")
    assert dateline.place == "Philadelphia" and dateline.agency == "AP"
    assert find_dateline("LONDON — Ministers met.").place == "London"
    assert find_dateline("The Latest - nothing here") is None
    assert find_dateline("Lights Out\n\nHarborton, Norland — The festival opened.\n\nIt ended.") is None  # no date line


@pytest.mark.parametrize("text, place, agency", [
    ("Harbor Sale Approved\n\nBy Jane Doe\n\nWICHITA, Kan. (AP) — The council voted.\n\nReed agreed.", "Wichita, Kan.", "AP"),
    ("By Jane Doe\n\nAUSTIN, Texas -- Governor Greg Abbott spoke.\n\nHe left.", "Austin, Texas", None),
    ("Ministers Meet\n\nLONDON — Prime Minister Keir Starmer spoke.\n\nHe left.", "London", None),
    ("Stein Removed From Debate Site\n\nHEMPSTEAD, N.Y., Sept. 26 (UPI) — Jill Stein left.\n\nShe spoke.",
     "Hempstead, N.Y.", "UPI"),
    ("Lanterns Light Up Harborton\n\nMonday, March 5, 2007\n\nHarborton, Norland — The festival opened.\n\nIt ended.",
     "Harborton, Norland", None),  # Wikinews: a title-cased place and region after a date line
])
def test_one_reader_finds_the_dateline_after_a_headline_and_a_byline(text, place, agency):
    document = analyse_structure("d", text)
    assert (document.dateline.place, document.dateline.agency) == (place, agency)
    assert find_dateline(text) == document.dateline
    dateline = text[document.dateline.start:document.dateline.end]
    assert dateline.split()[0].strip(",").title() == place.split(",")[0].split()[0] and dateline.rstrip()[-1] in "-—"
    assert (document.dateline.start, document.dateline.end) in document.non_content  # blanked before parsing


def test_live_blog_updates_have_times_and_bodies():
    updates = find_updates(LIVE_BLOG)
    assert [u.time for u in updates] == ["16:05", "11:30"]
    assert [u.time_text for u in updates] == ["4:05 p.m.", "11:30 a.m."]
    assert "Senators say a deal is close." in LIVE_BLOG[updates[0].start:updates[0].end]
    assert "White House" not in LIVE_BLOG[updates[0].start:updates[0].end]


def test_trailer_and_markers_are_not_content():
    document = analyse_structure("blog", LIVE_BLOG)
    blanked = {i for start, end in document.non_content for i in range(start, end)}
    trailer = LIVE_BLOG.index("Please read")
    assert trailer in blanked
    assert LIVE_BLOG.index("4:05 p.m.") in blanked
    assert LIVE_BLOG.index("Senators") not in blanked
    assert document.updates[-1].end <= trailer
    assert find_trailer("A normal last line.") is None


def test_text_is_kept_exactly(tmp_path):
    text = "Line one.\r\nLine “two” — ok\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (document,) = read_documents([tmp_path / "a.txt"])
    assert document.text == text and document.id == "a"


def test_html_main_text_without_markup_scripts_or_navigation():
    from kg.extract.html import parse_page

    page = parse_page("<html><head><title>Headline | Site</title><script>var x=1;</script></head><body>"
                      "<nav><a href='/'>Home</a> | <a href='/n'>News</a></nav><article><h1>Headline</h1>"
                      "<p>First &amp; paragraph of the story, long enough to be one.</p><script>alert(1)</script>"
                      "<p>Second <b>paragraph</b> of the story, also long enough.</p></article>"
                      "<footer>Copyright</footer></body></html>")
    assert page.text == ("First & paragraph of the story, long enough to be one.\n"
                         "Second paragraph of the story, also long enough.")
    assert page.meta.title == "Headline" and page.meta.site == "Site"


def test_jsonl_records_and_bad_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "x1", "text": "Hello there.", "title": "T", "date": "2020-01-01"}),
             "{not json", json.dumps({"id": "x2"}), json.dumps({"id": "x3", "text": 5}),
             json.dumps({"text": "No id here.", "url": "https://example.org/news/story-1"})]
    path.write_text("\n".join(lines), encoding="utf-8")
    problems: list[Skipped] = []
    documents = list(read_documents([path], problems.append))
    assert [d.id for d in documents] == ["x1", "story-1"]
    assert documents[0].title == "T" and documents[0].date == "2020-01-01"
    assert [p.line for p in problems] == [2, 3, 4]
    assert all(p.fatal for p in problems)


def test_folders_are_recursive_sorted_and_skip_unknown_types(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed.")
    (tmp_path / "a.md").write_text("Ay.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    problems: list[Skipped] = []
    documents = list(read_documents([tmp_path], problems.append))
    assert [d.id for d in documents] == ["a", "z"]
    assert any("unsupported file type" in p.reason for p in problems)


def test_bad_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\t ")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said so.".encode("latin-1"))
    problems: list[Skipped] = []
    documents = list(read_documents([tmp_path, tmp_path / "missing.txt"], problems.append))
    reasons = {p.path.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert reasons["empty.txt"] == "file is empty"
    assert reasons["blank.txt"] == "file holds only whitespace"
    assert "binary" in reasons["binary.txt"]
    assert "no such file" in reasons["missing.txt"]
    # invalid UTF-8 is read with replacement characters and a (non-fatal) warning
    assert [d.id for d in documents] == ["latin1"] and "\ufffd" in documents[0].text
    assert "invalid UTF-8" in reasons["latin1.txt"]


def test_interview_turns_labelled_and_unlabelled():
    from kg.extract.ingest import find_turns

    labelled = "Q: Why run?\nHill: Because I care.\nQ: And now?\nHill: We go on."
    turns = find_turns(labelled)
    assert [(t.question, t.label) for t in turns] == [(True, "Q"), (False, "Hill"), (True, "Q"), (False, "Hill")]
    assert labelled[turns[1].start:turns[1].end] == "Because I care."
    plain = "Wikinews interviews Jane Roe\n\nWhy run?\n\nBecause I care.\n\nWhat next?\n\nWe go on.\n\nMore."
    turns = find_turns(plain)
    assert [plain[t.start:t.end] for t in turns if not t.question] == ["Because I care.", "We go on.", "More."]
    assert find_turns("An article. Why? Nobody knows?\nIt ends.") == []


def test_an_interview_is_told_by_a_capitalised_headline_or_a_long_introduction():
    from kg.extract.ingest import find_turns

    headline = "Interview with painter Jane Roe\n\nWhy paint?\n\nBecause I care.\n\nWhat next?\n\nI go on."
    assert [headline[t.start:t.end] for t in find_turns(headline) if not t.question] == ["Because I care.", "I go on."]
    intro = ("A report on the harbour. " * 20 + "\n\nWikinews interviewed Jane Roe about it.\n\n"
             "Why paint?\n\nBecause I care.\n\nWhat next?\n\nI go on.")
    assert len(find_turns(intro)) == 4
    far = ("A report on the harbour. " * 60 + "\n\nShe gave an interview.\n\nWhy paint?\n\nBecause.\n\nWhat?\n\nNo.")
    assert find_turns(far) == []  # the word too far from the start: an article with questions, not an interview
    long_answer = "Interview with Jane Roe\n\nI care. " + "I paint every day and sell little. " * 20 + "Why not?\n\nNo.\n\nWhy?"
    assert find_turns(long_answer) == []  # a long paragraph ending in a question is no interviewer's question


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n\r\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029é", max_size=20))
def test_jsonl_lines_are_read_one_at_a_time_as_splitlines_splits_them(text):
    from kg.extract.readers import lines

    assert list(lines(text)) == text.splitlines()


def test_a_jsonl_record_with_a_unicode_line_separator_is_read_as_before(tmp_path):
    """A raw U+2028 in a JSON string ends a line for str.splitlines, and so for the reader: the
    record's two halves are bad lines, reported, as they were when the file was split at once."""
    from kg.extract.readers import read_documents

    path = tmp_path / "news.jsonl"
    good = '{"id": "a", "text": "The mayor said the plan works."}'
    path.write_text(good + "\n" + '{"id": "b", "text": "One\u2028two."}' + "\n", encoding="utf-8")
    skipped = []
    documents = list(read_documents([str(path)], skipped.append))
    assert [d.id for d in documents] == ["a"]
    assert [s.line for s in skipped] == [2, 3]
