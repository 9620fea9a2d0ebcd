"""HTML comments in Markdown: private notes, some of them plainprint's own suppressions.

A comment never reaches the Document's text. A ``plainprint-…`` comment is read into a
``Suppression`` first, so the checks see it without re-reading the source file:

    <!-- plainprint-disable PL006,PL013 -- the audience are oncology nurses -->
    <!-- plainprint-enable PL006,PL013 -->
    <!-- plainprint-disable-next-line PL001 -- quoted from the consent form -->
    <!-- plainprint-disable-file RL001 -- a clinician handout, not for patients -->
"""

from __future__ import annotations

import re

from plainprint.pipeline.document.nodes import Suppression

# Linear: a literal opener, a lazy body and a literal terminator.
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DIRECTIVE = re.compile(
    r"\A\s*plainprint-(disable-next-line|disable-file|disable|enable)\b(.*)\Z", re.S
)


def strip_comments(html: str) -> tuple[str, list[tuple[str, int]]]:
    """``html`` without its comments, and each comment with its offset in ``html``.

    An unclosed ``<!--`` (CommonMark runs it to the end of the block) is a comment too."""
    found = [(m.group(0), m.start()) for m in COMMENT.finditer(html)]
    rest = COMMENT.sub("", html)
    cut = rest.find("<!--")
    if cut >= 0:
        found.append((rest[cut:], html.rfind("<!--")))
        rest = rest[:cut]
    return rest, found


def directive(comment: str, line: int | None, target: int | None) -> Suppression | None:
    """A ``<!-- plainprint-… -->`` comment as a Suppression; any other comment is None."""
    body = comment[4:-3] if comment.endswith("-->") else comment[4:]
    m = _DIRECTIVE.match(body)
    if not m:
        return None
    rest = m.group(2)
    rules_part, sep, reason = rest.partition(" -- ")
    if not sep and rest.strip().startswith("--"):
        rules_part, reason = "", rest.strip()[2:]
    rules = tuple(r for r in re.split(r"[\s,]+", rules_part.strip()) if r)
    text = " ".join(comment.split())
    return Suppression(m.group(1), rules, reason.strip(), line=line, target=target, text=text)


def locate(body: str, comments: list[tuple[str, int | None]]) -> list[Suppression]:
    """Directives among ``comments`` (text, line of the token holding it), in order, with
    the line each starts on in ``body`` and the first non-blank line after each ends."""
    lines = body.split("\n")
    out: list[Suppression] = []
    pos = 0
    for text, token_line in comments:
        if "plainprint-" not in text:
            continue
        at = body.find(text, pos)
        if at >= 0:
            pos = at + len(text)
            line: int | None = body.count("\n", 0, at) + 1
            end = line + text.count("\n")
        else:  # split by container markers ("> "): the token's own line
            line = end = token_line
        target = None
        if end is not None:
            nxt = end  # 0-based index of the line after the comment's last line
            while nxt < len(lines) and not lines[nxt].strip():
                nxt += 1
            target = nxt + 1
        d = directive(text, line, target)
        if d is not None:
            out.append(d)
    return out
