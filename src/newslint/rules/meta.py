"""Rules about newslint's own directives."""

from __future__ import annotations

from newslint.findings import Severity
from newslint.rule import Rule


class UnusedSuppression(Rule):
    """A suppression comment that suppressed nothing.

    **What it flags**: a ``<!-- newslint-disable ... -->``, ``disable-next-line`` or
    ``disable-file`` comment under which no finding of the named rules occurred, and a
    suppression that names a rule newslint doesn't know. Directives that only name rules the
    configuration doesn't run are left alone.

    **Why it matters**: a stale suppression hides the next real problem of that kind in the
    same place, and a misspelt rule name suppresses nothing while looking as if it does.

    **Example**:

    ```markdown
    # Council votes on the budget

    <!-- newslint-disable-next-line -->
    The vote passed on Tuesday.
    ```

    Not flagged: the suppression silences a real finding.

    ```markdown
    # Council votes on the budget

    <!-- newslint-disable-next-line unused-reference -->
    [1]: https://example.org/agenda
    ```

    **Fix**: delete the comment, or correct the rule it names. No automatic fix.
    """

    code = "NL001"
    name = "unused-suppression"
    severity = Severity.WARNING
    # Reported by the engine after suppressions are applied; the rule itself reads nothing.


RULES = [UnusedSuppression]
