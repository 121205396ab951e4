"""The document model: structure, labels and exact positions."""

from __future__ import annotations

from newslint.syntax.parser import parse


def kinds(doc):
    return [b.kind for b in doc.blocks]


def test_front_matter_title_and_blocks_are_recognised():
    doc = parse('---\ntitle: "Floods close the valley road"\ndate: 2024-05-01\n---\n# Floods\n\nText.\n', "a.md")
    assert doc.front_matter is not None
    assert doc.front_matter.fields["title"] == "Floods close the valley road"
    assert doc.title is not None and doc.title.text == "Floods close the valley road"
    assert doc.position(doc.title.start) == (2, 9)
    assert kinds(doc) == ["heading", "paragraph"]


def test_toml_front_matter_gives_the_title():
    doc = parse('+++\ntitle = "Harbour strike ends"\n+++\nBody text.\n', "a.md")
    assert doc.front_matter is not None and doc.front_matter.format == "toml"
    assert doc.title is not None and doc.title.text == "Harbour strike ends"


def test_unterminated_front_matter_is_body_text():
    doc = parse("---\ntitle: x\nno closing line\n", "a.md")
    assert doc.front_matter is None
    assert "paragraph" in kinds(doc) or "heading" in kinds(doc)


def test_headings_atx_and_setext():
    doc = parse("# One #\n\nTwo\n===\n\nThree\n---\n", "a.md")
    headings = [(b.level, doc.slice(b.content_start, b.content_end)) for b in doc.blocks]
    assert headings == [(1, "One"), (1, "Two"), (2, "Three")]
    assert [h.text for h in doc.headlines] == ["One", "Two"]


def test_code_blocks_hide_markup_and_citations():
    text = "```\n# not a heading [9]\n```\n\n    indented [8]\n\nReal `[7]` text [1].\n\n[1] Source\n"
    doc = parse(text, "a.md")
    assert kinds(doc) == ["code", "code", "paragraph", "references"]
    assert [c.labels for c in doc.citations] == [("1",)]


def test_unterminated_fence_runs_to_the_end():
    doc = parse("Intro.\n\n~~~\n# inside\n[1] inside\n", "a.md")
    assert kinds(doc) == ["paragraph", "code"]
    assert doc.references == ()


def test_html_comments_and_blocks_are_kept_but_not_prose():
    doc = parse("<!-- a [1]\nstill comment -->\n\n<div>\n[2]\n</div>\n\nText.\n", "a.md")
    assert kinds(doc) == ["comment", "html", "paragraph"]
    assert doc.citations == ()


def test_citation_forms():
    doc = parse("A [1], [2, 4] and [5-7] and [8–9]. B[^note] and [@doe99; @roe]. [sic] [the ministry] [ ]\n", "a.md")
    labels = [(c.kind, c.labels) for c in doc.citations]
    assert labels == [
        ("numeric", ("1",)),
        ("numeric", ("2", "4")),
        ("numeric", ("5", "6", "7")),
        ("numeric", ("8", "9")),
        ("footnote", ("^note",)),
        ("pandoc", ("@doe99", "@roe")),
    ]


def test_reference_links_resolve_against_definitions():
    text = "See [the report][rep], [Rep][] and [rep], not [other].\n\n[REP]: https://example.org \"Report\"\n"
    doc = parse(text, "a.md")
    assert [(c.kind, c.labels) for c in doc.citations] == [
        ("link", ("rep",)),
        ("link", ("rep",)),
        ("shortcut", ("rep",)),
    ]
    (entry,) = doc.references
    assert (entry.kind, entry.label, entry.url) == ("link", "rep", "https://example.org")


def test_footnote_definition_with_continuation_lines():
    doc = parse("Claim.[^a]\n\n[^a]: First line\n    second line [2].\n", "a.md")
    (entry,) = doc.references
    assert entry.kind == "footnote" and entry.label == "^a"
    assert entry.text == "First line second line [2]."
    assert [c.labels for c in doc.citations] == [("^a",), ("2",)]


def test_numbered_list_is_a_reference_list_only_under_a_references_heading():
    text = "# Story\n\n1. first point\n2. second point\n\n## Sources\n\n1. Agency report\n1. Ministry data\n"
    doc = parse(text, "a.md")
    assert [(r.label, r.text) for r in doc.references] == [("1", "Agency report"), ("2", "Ministry data")]
    assert [b.kind for b in doc.blocks].count("list_item") == 2


def test_run_on_reference_entries_are_split():
    text = "Body [1] [2].\n\n[1] First source title [2] Second source, with comma [3] Third.\n"
    doc = parse(text, "a.txt")
    assert [(r.label, r.text) for r in doc.references] == [
        ("1", "First source title"),
        ("2", "Second source, with comma"),
        ("3", "Third."),
    ]
    assert [doc.position(r.label_start) for r in doc.references] == [(3, 1), (3, 24), (3, 54)]


def test_plain_text_headline_lines():
    text = (
        "Markets Rally After Rate Cut\n\nMarkets Rally After Rate Cut\nBusiness Desk\n\n"
        "Stocks rose on Monday after the cut.\n"
    )
    doc = parse(text, "a.txt")
    assert [(doc.position(h.start)[0], h.text) for h in doc.headlines] == [
        (1, "Markets Rally After Rate Cut"),
        (3, "Markets Rally After Rate Cut"),
        (4, "Business Desk"),
    ]
    assert doc.blocks[-1].kind == "paragraph"


def test_plain_text_of_only_short_lines_has_one_headline():
    doc = parse("one\n\ntwo\n\nthree\n", "a.txt")
    assert [h.text for h in doc.headlines] == ["one"]


def test_positions_with_bom_crlf_tabs_and_wide_characters():
    text = "Intro line\r\n\r\n\tTab 東京 [1] here\r\n\r\n[1] Source\r\n"
    doc = parse(text, "a.txt")
    (citation,) = doc.citations
    assert doc.position(citation.start) == (3, 9)
    assert doc.slice(citation.start, citation.end) == "[1]"
    assert doc.references[0].text == "Source"


def test_task_list_boxes_and_editorial_brackets_stay_text():
    doc = parse("- [ ] todo\n- [x] done\n\nHe said [sic] it was […] fine.\n", "a.md")
    assert doc.citations == ()
    assert any(i.kind == "text" for b in doc.blocks for i in b.inlines)


def test_block_quote_and_list_content_offsets_are_exact():
    text = "> quoted [1] text\n> more\n\n- item [2]\n\n[1] A\n[2] B\n"
    doc = parse(text, "a.md")
    assert [doc.slice(c.start, c.end) for c in doc.citations] == ["[1]", "[2]"]
    assert [doc.position(c.start) for c in doc.citations] == [(1, 10), (4, 8)]


def test_link_text_citation_is_marked_linked():
    doc = parse("Claim.[[4]](https://example.org/#n4)\n", "a.md")
    (citation,) = doc.citations
    assert citation.labels == ("4",) and citation.linked


def test_numbers_as_link_text_and_indices_are_not_numeric_citations():
    doc = parse("BIPs [114][BIP114], then [1][2], key[0] and [3].\n\n[bip114]: https://example.org\n", "a.md")
    assert [(c.kind, c.labels) for c in doc.citations] == [
        ("link", ("bip114",)),
        ("numeric", ("1",)),
        ("numeric", ("2",)),
        ("numeric", ("3",)),
    ]


def test_indented_paragraph_after_a_list_item_belongs_to_it():
    doc = parse("- item\n\n    more [a][b] text\n\n        code [x][y]\n\n[b]: https://example.org\n", "a.md")
    assert [b.kind for b in doc.blocks] == ["list_item", "list_item", "code", "link_def"]
    assert [c.labels for c in doc.citations] == [("b",)]


def test_citation_followed_by_a_colon_is_still_a_citation():
    doc = parse("Pad[^1]: the team, as said [3]: the army.\n\n[^1]: a\n\n[3] c\n", "a.md")
    assert [c.labels for c in doc.citations] == [("^1",), ("3",)]


def test_plain_text_entries_may_have_a_colon():
    doc = parse("Head\n\nText [1] and [2].\n\n[1]: Reuters report\n[2]: http://example.org/z\n", "a.txt")
    assert [(r.kind, r.label, r.text) for r in doc.references] == [
        ("numbered", "1", "Reuters report"),
        ("link", "2", "http://example.org/z"),
    ]


def test_markdown_without_title_or_h1_reads_leading_short_lines_as_headlines():
    text = "Storm Closes Coastal Highway\nStorm Closes Coastal Highway\n\nThe highway closed on Sunday.\n"
    doc = parse(text, "a.md")
    assert [(doc.position(h.start)[0], h.text) for h in doc.headlines] == [
        (1, "Storm Closes Coastal Highway"),
        (2, "Storm Closes Coastal Highway"),
    ]
    titled = parse("# Storm Closes Coastal Highway\n\nStorm Closes Coastal Highway\n\nThe road closed.\n", "a.md")
    assert [h.text for h in titled.headlines] == ["Storm Closes Coastal Highway"] * 2  # pasted twice
    with_dek = parse("# Storm Closes Coastal Highway\n\nThe road closed on Sunday.\n\nMore text.\n", "a.md")
    assert [h.text for h in with_dek.headlines] == ["Storm Closes Coastal Highway"]


# ----- CommonMark blocks that carry references (issue 14) -------------------------------


def labels_of(doc):
    defined = sorted(r.label for r in doc.references if r.label)
    cited = sorted(label for c in doc.citations for label in c.labels)
    return defined, cited


def test_a_notes_indented_continuation_paragraph_is_part_of_the_note():
    text = "Turnout fell.[^n]\n\n[^n]: Figures from the board.\n\n    A later count [rev] differed.\n\n[rev]: /r\n"
    doc = parse(text, "a.md")
    assert "code" not in kinds(doc)
    assert labels_of(doc) == (["^n", "rev"], ["^n", "rev"])
    (note,) = [r for r in doc.references if r.kind == "footnote"]
    assert note.text == "Figures from the board. A later count [rev] differed."
    assert [b.kind for b in doc.blocks if b.label == "^n"] == ["footnote_def", "footnote_def"]


def test_inline_html_at_a_line_start_is_prose_and_a_lone_tag_cannot_interrupt_a_paragraph():
    text = '<a href="/m">The ministry</a> confirmed it [1].\nThen:\n<span class="x">\n\n[1] Notice\n'
    doc = parse(text, "a.md")
    assert kinds(doc)[0] == "paragraph"
    assert [c.labels for c in doc.citations] == [("1",)]
    block = parse("<div>\n# not a heading [2]\n\n[2] Entry\n", "a.md")
    assert kinds(block) == ["html", "references"] and block.citations == ()


def test_definitions_in_block_quotes_and_list_items_are_definitions():
    doc = parse("> Cited.[^q]\n>\n> [^q]: A note.\n\n- Item [a][].\n\n  [a]: https://example.org\n", "a.md")
    assert labels_of(doc) == (["^q", "a"], ["^q", "a"])
    assert [b.kind for b in doc.blocks if b.is_prose] == ["block_quote", "block_quote", "list_item"]
    nested = parse("> > [x]: /x\n> >\n> > Twice quoted [x].\n", "a.md")
    assert labels_of(nested) == (["x"], ["x"])


def test_a_fence_closes_only_on_the_same_character_at_least_as_long():
    doc = parse("````\n```\n[9] inside\n~~~\n````\n\nAfter [1].\n\n[1] Entry\n", "a.md")
    assert kinds(doc) == ["code", "paragraph", "references"]
    assert [c.labels for c in doc.citations] == [("1",)]


def test_pre_script_style_and_textarea_blocks_run_to_their_closing_tag():
    doc = parse("<pre>\nx [7]\n\ny [8]\n</pre>\nText [1].\n\n[1] Entry\n", "a.md")
    assert kinds(doc)[0] == "html"
    assert [c.labels for c in doc.citations] == [("1",)]


def test_code_as_a_list_items_first_block_is_code():
    fenced = parse("- ```\n  [3] code\n  ```\n- Point [1].\n\n[1] Entry\n", "a.md")
    assert [c.labels for c in fenced.citations] == [("1",)]
    indented = parse("-     code [4]\n\n  Point [1].\n\n[1] Entry\n", "a.md")
    assert [c.labels for c in indented.citations] == [("1",)]
    assert "code" in kinds(indented)


def test_lines_that_are_not_definitions():
    def defined(text):
        return [r.label for r in parse(text, "a.md").references if r.kind == "link"]

    assert defined("Para line\n[a]: /a\n") == []  # cannot interrupt a paragraph
    assert defined("[a]:\n\nText\n") == []  # no destination
    assert defined('[a]: /a "title" more\n') == []  # text after the title
    assert defined("[a[b]]: /a\n") == []  # unescaped bracket in the label
    assert defined("[long\nlabel]: /a\n") == ["long label"]  # a label may wrap
    assert defined('[a]: /a\n"title" more\n') == ["a"]  # the title line is a paragraph


def test_escaped_brackets_and_blank_labels_make_no_reference():
    doc = parse("See [text\\][s] and [more][ ] and [][]int.\n", "a.md")
    assert doc.citations == ()


def test_pandoc_citation_keys_are_case_folded():
    doc = parse("As shown [@JDoe2020].\n", "a.md")
    assert doc.citations[0].labels == ("@jdoe2020",)


# ----- metadata, sections and code in real repositories (issue 16) ----------------------


def test_pelican_header_block_is_metadata_and_gives_the_title():
    text = "Title: Harbour works resume\nDate: 2024-03-01\nTags: port\n\n# Quote of the week\n\nBody.\n"
    doc = parse(text, "a.md")
    assert doc.front_matter is not None and doc.front_matter.format == "keys"
    assert doc.title is not None and doc.title.text == "Harbour works resume"
    assert doc.slice(doc.title.start, doc.title.end) == "Harbour works resume"
    assert kinds(doc)[0] == "heading"


def test_key_value_first_paragraph_is_not_metadata():
    doc = parse("Note: the figures are provisional.\n\nBody.\n", "a.md")
    assert doc.front_matter is None and kinds(doc)[0] == "paragraph"


def test_h1s_after_the_body_begins_are_sections_not_titles():
    doc = parse("Intro paragraph, long enough to be body text.\n\n# Quote of the week\n\nText.\n", "a.md")
    assert doc.title is None
    assert [(h.text, h.in_body) for h in doc.headlines] == [("Quote of the week", True)]
    titled = parse("# Harbour works resume\n\nBody text here.\n\n# Letters\n\nMore.\n", "a.md")
    assert titled.title is not None and titled.title.text == "Harbour works resume"


def test_template_code_blocks_hold_no_citations():
    text = "Code:\n\n{{raw `\n\tgrid [][]int\n\tx := y[2]\n`}}\n\n{% highlight go %}\nz[3]\n{% endhighlight %}\n"
    doc = parse(text, "a.md")
    assert doc.citations == ()
    assert kinds(doc).count("code") == 2


def test_a_run_of_unclosed_comment_openers_parses_in_linear_time():
    import time

    text = "Opening " + "<!-- " * 50_000 + "end [1].\n\n[1] Entry\n"
    started = time.perf_counter()
    doc = parse(text, "a.md")
    assert time.perf_counter() - started < 5
    assert [c.labels for c in doc.citations] == [("1",)]


def test_definitions_right_after_a_liquid_include_are_definitions():
    doc = parse("Text [a][].\n\n{% include references.md %}\n[a]: /a\n[b]: /b\n", "a.md")
    assert sorted(r.label for r in doc.references) == ["a", "b"]
    assert kinds(doc)[1] == "paragraph"  # the include line, as rules expect it


def test_notes_under_a_footnotes_heading_keep_their_continuation_paragraphs():
    text = "Said so.[^n]\n\n## Footnotes\n\n[^n]:\n    First part.\n\n    Second part cites [m].\n\n[m]: /m\n"
    doc = parse(text, "a.md")
    assert "code" not in kinds(doc)
    assert sorted(label for c in doc.citations for label in c.labels) == ["^n", "m"]


def test_a_list_quoted_inside_a_note_under_a_footnotes_heading_is_the_notes_text():
    text = "Claim.[^w]\n\n## Footnotes\n\n[^w]:\n    The manual warns:\n\n    > - first case\n    > - second case\n"
    doc = parse(text, "a.md")
    assert [r.kind for r in doc.references] == ["footnote"]
    assert "references" not in kinds(doc)


def test_a_plain_text_sources_line_opens_the_reference_list_however_much_punctuation_it_carries():
    rule = "=" * 200
    text = f"Body cites it [1].\n\n** SOURCES ** {rule}\n\n1. Agency report\n2. Ministry data\n"
    doc = parse(text, "a.txt")
    assert [(r.label, r.text) for r in doc.references] == [("1", "Agency report"), ("2", "Ministry data")]


def test_a_long_plain_text_line_starting_with_sources_opens_no_reference_list():
    text = "Body.\n\nSources in the ministry said the talks went on.\n\n1. first point\n2. second point\n"
    doc = parse(text, "a.txt")
    assert doc.references == ()
    assert kinds(doc).count("list_item") == 2
