"""References: entries nothing cites, citations with no entry, sources listed twice."""

from __future__ import annotations

from newslint.findings import Severity
from newslint.rule import Context, Rule
from newslint.syntax.nodes import Document, ReferenceEntry
from newslint.syntax.text import normalize_words

ENTRY_NOUN = {"numbered": "reference", "footnote": "footnote", "link": "link reference", "listed": "source"}


def _cited_labels(doc: Document) -> set[str]:
    return {label for citation in doc.citations for label in citation.labels}


def _includes_templates(doc: Document) -> bool:
    """Whether the article pulls in a template (Jekyll/Liquid ``{% include ... %}``): static
    sites keep shared link definitions in such includes."""
    return any(
        block.kind == "paragraph"
        and doc.slice(block.content_start, block.content_end).lstrip().startswith("{% include")
        for block in doc.blocks
    )


class UnusedReference(Rule):
    """A reference entry, footnote or link definition that nothing in the article cites.

    **What it flags**: an entry of a numbered reference list (``[5] Title``, or ``5.`` under a
    References heading) that no ``[5]`` in the body points to, once the article cites its list
    by number at all; a footnote definition ``[^note]: ...`` with no ``[^note]``; a link
    reference definition ``[label]: url`` that no ``[text][label]``, ``[label][]`` or ``[label]``
    uses. A definition pointing nowhere (``[//]: # (note)``, ``[comment]: <>``) is Markdown's
    comment idiom and is left alone.

    **Why it matters**: an uncited entry is either a source the writer meant to cite and
    didn't (the claim it backs now stands unsourced) or a leftover from an earlier draft.
    Readers who check the list find a source for nothing.

    **Example**:

    ```markdown
    Officials confirmed the closure [1].

    [1] Port authority statement
    [2] Harbour master interview
    ```

    ``[2]`` is listed but never cited. Not flagged:

    ```markdown
    Officials confirmed the closure [1], and the harbour master agreed [2].

    [1] Port authority statement
    [2] Harbour master interview
    ```

    **Fix**: cite the entry where its information is used, or delete it. No automatic fix:
    which one is right is an editorial decision.
    """

    code = "NL101"
    name = "unused-reference"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> None:
        cited = _cited_labels(doc)
        numbered_in_use = any(c.kind == "numeric" for c in doc.citations)
        seen: set[str] = set()
        for entry in doc.references:
            label = entry.label
            if label is None or label in seen:
                continue
            seen.add(label)
            if label in cited:
                continue
            if entry.kind == "numbered" and not numbered_in_use:
                continue  # a plain bibliography: the article doesn't cite by number
            if entry.kind == "link" and entry.url in ("#", ""):
                continue  # "[//]: # (note)": Markdown's comment idiom, never meant to be used
            if entry.kind == "link":
                message = f"link reference {entry.display} is defined but never used"
            elif entry.kind == "footnote":
                message = f"footnote {entry.display} is defined but never cited"
            else:
                message = f"reference {entry.display} is listed but never cited"
            ctx.report(entry.label_start, entry.label_end, message)


class UndefinedCitation(Rule):
    """A citation whose label has no reference entry, footnote or link definition.

    **What it flags**: ``[7]`` when the reference list has no entry 7 (each missing number of
    a range such as ``[6-8]`` counts); ``[^note]`` with no ``[^note]:`` definition;
    ``[text][label]`` and ``[label][]`` with no ``[label]:`` definition (unless the article
    includes a site template, ``{% include ... %}``, which may define it). Bracketed words that
    are not citations (``[sic]``, ``[…]``, ``[the ministry]``) are text and never flagged, and
    neither is a number inside a link (``[[3]](#note-3)``), which points somewhere already.

    **Why it matters**: the reader is promised a source and can't find it; often an entry
    was deleted or the list was cut off when the article was copied.

    **Example**:

    ```markdown
    The bridge reopened on Monday [2].

    [1] Transport ministry notice
    ```

    ``[2]`` has no entry. Not flagged:

    ```markdown
    The bridge reopened on Monday [1], the ministry said [sic].

    [1] Transport ministry notice
    ```

    **Fix**: add the missing entry or correct the number. No automatic fix.
    """

    code = "NL102"
    name = "undefined-citation"
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> None:
        defined = doc.references_by_label()
        external_links = _includes_templates(doc)
        for citation in doc.citations:
            if citation.kind in ("pandoc", "shortcut") or citation.linked:
                continue  # pandoc keys live in a bibliography file; shortcuts exist by definition
            if citation.kind == "link" and external_links:
                continue  # a site template supplies link definitions we can't see
            missing = [label for label in citation.labels if label not in defined]
            if not missing:
                continue
            if citation.kind == "numeric":
                shown = ", ".join(f"[{label}]" for label in missing)
                noun = "has no entry" if len(missing) == 1 else "have no entries"
                message = f"citation {shown} {noun} in the reference list"
            elif citation.kind == "footnote":
                message = f"footnote [{missing[0]}] is cited but never defined"
            else:
                message = f"reference link label [{missing[0]}] is never defined"
            ctx.report(citation.start, citation.end, message)


class DuplicateReference(Rule):
    """A reference label defined twice, or the same source listed twice.

    **What it flags**: two entries with one label (``[3]`` twice in a list, two ``[^a]:``
    footnotes, two ``[site]:`` definitions, case aside), and two numbered entries or
    footnotes whose text is the same once case, spacing and punctuation are set aside.
    Reported at the later entry, naming the earlier. Notes that repeat on purpose ("Ibid.")
    are not flagged.

    **Why it matters**: with two definitions, a citation silently points at only one of
    them; the same source under two numbers inflates the list and splits citations that
    belong together.

    **Example**:

    ```text
    [1] Central bank annual report 2024
    [2] Interview with the finance minister
    [3] Central bank annual report 2024
    ```

    ``[3]`` repeats ``[1]``. Not flagged:

    ```text
    [1] Central bank annual report 2024
    [2] Interview with the finance minister
    [3] Central bank annual report 2023
    ```

    **Fix**: keep one entry and renumber the citations that used the other. No automatic fix.
    """

    code = "NL103"
    name = "duplicate-reference"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> None:
        repeatable = tuple(
            normalize_words(p) for p in ctx.pack("references").get("repeatable", [])
        )
        by_label: dict[tuple[str, str], ReferenceEntry] = {}
        by_text: dict[str, ReferenceEntry] = {}
        for entry in doc.references:
            where = self._where(doc, entry)
            if entry.label is not None:
                key = ("link" if entry.kind == "link" else "source", entry.label)
                first = by_label.get(key)
                if first is not None:
                    ctx.report(
                        entry.label_start,
                        entry.label_end,
                        f"{entry.display} is defined twice (first at {self._where(doc, first)})",
                    )
                    continue
                by_label[key] = entry
            if entry.kind == "link":
                continue  # two labels for one URL is ordinary Markdown
            text = normalize_words(entry.text)
            if not text or any(text == r or text.startswith(r + " ") for r in repeatable):
                continue
            first = by_text.get(text)
            if first is not None:
                shown = entry.display or f"entry at {where}"
                ctx.report(
                    entry.label_start if entry.label else entry.text_start,
                    entry.label_end if entry.label else entry.text_end,
                    f"{ENTRY_NOUN[entry.kind]} {shown} repeats {first.display or 'the entry'} "
                    f"({self._where(doc, first)})".replace("  ", " "),
                )
            else:
                by_text[text] = entry

    @staticmethod
    def _where(doc: Document, entry: ReferenceEntry) -> str:
        line, _ = doc.position(entry.label_start)
        return f"line {line}"


RULES = [UnusedReference, UndefinedCitation, DuplicateReference]
