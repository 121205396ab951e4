"""NL104: a citation whose source's title has nothing in common with the sentence citing it."""

from __future__ import annotations

from newslint.findings import Severity
from newslint.lazyre import lazy_compile
from newslint.rule import Context, Rule
from newslint.rules.event_index import NOT_WRITERS_VOICE
from newslint.syntax.nodes import Document, ReferenceEntry
from newslint.syntax.prose import sentences
from newslint.text.keys import content_keys

_URL = lazy_compile(r"\S+://\S+|www\.\S+")


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_NOTE_OPENERS = frozenset(["see", "cf", "cf.", "compare", "note", "for", "i.e.", "e.g.", "this", "we", "our"])


def _reads_as_title(entry: ReferenceEntry, title: str) -> bool:
    """Footnotes are often remarks ("See also ...", "We thank ..."), not sources: only a short
    footnote that does not open like a remark is compared."""
    if entry.kind != "footnote":
        return True
    words = title.split()
    return 0 < len(words) <= 12 and words[0].lower().strip(",:") not in _NOTE_OPENERS


def _entry_title(entry: ReferenceEntry) -> str:
    text = entry.text
    if entry.url:
        text = text.replace(entry.url, " ")
    return str(_URL.sub(" ", text))


class CitationMismatch(Rule):
    """A citation whose source's title has nothing in common with the sentence citing it.

    **What it flags**: a citation whose reference entry title shares no content word or name
    with the sentence that cites it (together with the uncited sentences just before it in the
    same paragraph, which the citation also covers). Words are compared by their first letters,
    so "Ukrainian" meets "Ukraine" and "territories" meets "territory". Titles or sentences
    too short to judge are skipped. Off by default: enable it with ``extend-select = ["NL104"]``.

    **Why it matters**: a citation that points at an unrelated source is worse than none: the
    reader who checks finds nothing, and a generated or rewritten article can shuffle its
    citations without anyone noticing.

    **Example**:

    ```text
    The finance minister resigned on Tuesday after a row over pensions [1].

    [1] Heavy rain floods coastal villages in the north
    ```

    Not flagged: the source is about what the sentence says.

    ```text
    The finance minister resigned on Tuesday after a row over pensions [1].

    [1] Finance minister quits over pension reform
    ```

    **Fix**: cite the source that covers the statement, or correct the number. No automatic
    fix.
    """

    code = "NL104"
    name = "citation-mismatch"
    severity = Severity.WARNING
    default_enabled = False

    min_title_words = 3
    min_sentence_words = 4

    def check(self, doc: Document, ctx: Context) -> None:
        if not doc.citations:
            return
        titles: dict[str, tuple[ReferenceEntry, frozenset[str]]] = {}
        for entry in doc.references:
            if entry.label is not None and entry.label not in titles:
                title = _entry_title(entry)
                keys = content_keys(title) if _reads_as_title(entry, title) else frozenset()
                titles[entry.label] = (entry, keys)
        for block in (b for b in doc.prose_blocks() if b.kind not in NOT_WRITERS_VOICE):
            if not block.citations or block.kind == "heading" or block.headline:
                continue
            covered: set[str] = set()
            for sentence in sentences(doc, block):
                covered |= content_keys(sentence.text)
                if not sentence.citations:
                    continue
                if len(covered) >= self.min_sentence_words:
                    for citation in sentence.citations:
                        for label in citation.labels:
                            known = titles.get(label)
                            if known is None:
                                continue
                            entry, keys = known
                            if len(keys) < self.min_title_words or keys & covered:
                                continue
                            ctx.report(
                                citation.start,
                                citation.end,
                                f"cites {entry.display} ('{_quote(_entry_title(entry), 50)}'), "
                                "which shares no word with the sentence; check the citation",
                            )
                covered = set()



RULES = [CitationMismatch]
