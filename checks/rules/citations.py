"""CT: citations — markers against the reference list, and each reference's link and date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from plainprint.checks.finding import Location, Suggestion
from plainprint.checks.registry import Hit, rule
from plainprint.pipeline.document.nodes import Heading, References

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")


def _ref_loc(ctx, ref) -> Location:
    block = next((b for b in ctx.doc.blocks if isinstance(b, References) and ref in b.items), None)
    excerpt = ref.raw if len(ref.raw) <= 120 else ref.raw[:117] + "…"
    return Location(
        block_id=block.id if block else None,
        section="References",
        excerpt=excerpt,
        line=ref.line if ref.line is not None else (block.line if block else None),
        reference=ref.key,
    )


def _section_of(ctx, block_id: str) -> str:
    from plainprint.checks.analysis.text import heading_text

    section = ""
    for block in ctx.doc.blocks:
        if isinstance(block, Heading):
            section = heading_text(block)
        if block.id == block_id:
            return section
    return section


@rule(
    code="CT001",
    name="citation-without-reference",
    severity="error",
    summary="A citation marker points to a number that has no entry in the reference list.",
    rationale="A reader who follows the marker finds nothing (Wikipedia's “cite error”; checkcites' undefined references).",
    flagged=("# Title\n\nSun harms skin.[4]\n\n[^1]: Sun facts. https://example.org/sun.",),
    languages=("*",),
    clean=("# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts. https://example.org/sun.",),
    tags=("citations",),
    references=("markdownlint MD052",),
)
def citation_without_reference(ctx, opts) -> Iterator[Hit]:
    keys = {r.key for r in ctx.doc.references}
    for block, item, offset, cit, text in ctx.markers:
        missing = [k for k in cit.refs if k not in keys]
        if missing:
            yield Hit(
                ctx.t(
                    "Citation {marker} points to no reference ({missing} missing)",
                    marker=cit.raw,
                    missing=", ".join(missing),
                ),  # fmt: skip
                Location(
                    block.id,
                    _section_of(ctx, block.id),
                    (text[max(0, offset - 60) : offset] if offset is not None else text).strip()[
                        :80
                    ],
                    offset,
                    offset,
                    block.line,
                    item,
                ),
                Suggestion(ctx.t("Add the reference or correct the marker")),
            )


@rule(
    code="CT002",
    name="reference-never-cited",
    severity="warning",
    summary="A reference-list entry is never cited in the text.",
    rationale=(
        "An uncited reference supports nothing the reader can see (checkcites' unused "
        "references; Recite). When no entry at all is cited, the list is a bibliography: one "
        "finding says so, rather than one per entry."
    ),
    flagged=(
        "# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts. https://example.org/a.\n[^2]: Other. https://example.org/b.",
        "# Title\n\nSun harms skin.\n\n[^1]: Sun facts. https://example.org/a.\n[^2]: Other. https://example.org/b.",
    ),
    languages=("*",),
    clean=(
        "# Title\n\nSun harms skin.[1,2]\n\n[^1]: Sun facts. https://example.org/a.\n[^2]: Other. https://example.org/b.",
    ),
    tags=("citations",),
    references=("markdownlint MD053",),
)
def reference_never_cited(ctx, opts) -> Iterator[Hit]:
    cited = {k for _b, _i, _o, cit, _t in ctx.markers for k in cit.refs}
    refs = ctx.doc.references
    if len(refs) > 1 and not cited.intersection(r.key for r in refs):
        yield Hit(
            ctx.t("None of the {n} references is cited in the text", n=len(refs)),
            _ref_loc(ctx, refs[0]),
            Suggestion(
                ctx.t(
                    "Add a citation marker where each source supports the text; if the list is "
                    "further reading rather than the sources of the text, make it an ordinary "
                    "list under a heading such as “Further reading”"
                )
            ),
        )
        return
    for ref in refs:
        if ref.key not in cited:
            yield Hit(
                ctx.t("Reference {key} is never cited", key=ref.key),
                _ref_loc(ctx, ref),
                Suggestion(ctx.t("Cite it where it supports the text, or remove it")),
            )


@rule(
    code="CT003",
    name="reference-without-link",
    severity="warning",
    summary="A reference has neither a URL nor a DOI.",
    rationale="Without a URL or DOI a reader cannot find the source (papercheck ref-consistency).",
    flagged=("# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts.",),
    languages=("*",),
    clean=("# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts. doi:10.1000/abc123.",),
    tags=("citations",),
)
def reference_without_link(ctx, opts) -> Iterator[Hit]:
    for ref in ctx.doc.references:
        if not ref.url and not ref.doi:
            yield Hit(
                ctx.t("Reference {key} has no URL or DOI", key=ref.key),
                _ref_loc(ctx, ref),
                Suggestion(ctx.t("Add the URL or DOI of the source")),
            )


@rule(
    code="CT004",
    name="access-date-without-url",
    severity="warning",
    summary="A reference gives an access date but no URL (“Available at: Accessed 7.23.19”).",
    rationale=(
        "An access date only makes sense for a web address; its presence without one means "
        "the link was lost, often when a page was scraped (Wikipedia CS1: “access-date "
        "requires url”). Restore the URL or drop the date."
    ),
    flagged=("# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts. Accessed 2019-07-23.",),
    languages=("*",),
    clean=(
        "# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts. https://example.org/a. Accessed 2024-01-02.",
    ),
    tags=("citations",),
    references=("Wikipedia CS1 error: access-date without URL",),
)
def access_date_without_url(ctx, opts) -> Iterator[Hit]:
    for ref in ctx.doc.references:
        if (ref.accessed or ref.accessed_raw) and not ref.url:
            yield Hit(
                ctx.t(
                    "Reference {key} has an access date ({date}) but no URL",
                    key=ref.key,
                    date=ref.accessed_raw or ref.accessed,
                ),  # fmt: skip
                _ref_loc(ctx, ref),
                Suggestion(ctx.t("Restore the URL, or remove the access date")),
            )


@rule(
    code="CT005",
    name="access-date-stale",
    severity="warning",
    summary="A reference was last accessed more than {stale_after_years} years before the build date.",
    rationale=(
        "Health advice changes; a source nobody has looked at for years may be outdated or "
        "gone. The age limit is `stale_after_years` (or `checks.stale_after_years`); the build "
        "date is today unless `checks.today` pins it."
    ),
    flagged=(
        "# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts. https://example.org/a. Accessed 2015-01-01.",
    ),
    languages=("*",),
    clean=(
        "# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts. https://example.org/a. Accessed 2099-01-01.",
    ),
    options={"stale_after_years": 3},
    config_keys={"stale_after_years": "stale_after_years"},  # [checks] stale_after_years
    tags=("citations",),
)
def access_date_stale(ctx, opts) -> Iterator[Hit]:
    years = float(opts["stale_after_years"])
    today: dt.date = ctx.settings.today
    for ref in ctx.doc.references:
        if not ref.accessed:
            continue
        try:
            when = dt.date.fromisoformat(ref.accessed[:10])
        except ValueError:
            continue
        age = (today - when).days / 365.25
        if age > years:
            yield Hit(
                ctx.t(
                    "Reference {key} was last accessed {date}, {age:.1f} years ago (limit {limit:g})",
                    key=ref.key,
                    date=when.isoformat(),
                    age=age,
                    limit=years,
                ),  # fmt: skip
                _ref_loc(ctx, ref),
                Suggestion(ctx.t("Check the source is still current and update the access date")),
            )


@rule(
    code="CT006",
    name="date-unparseable",
    severity="warning",
    summary="A reference's access date could not be read as a date.",
    rationale="A date nobody can parse cannot be checked for age; write it as YYYY-MM-DD.",
    flagged=(
        "# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts. https://example.org/a. Accessed 31 Febtember 2019.",
    ),
    languages=("*",),
    clean=(
        "# Title\n\nSun harms skin.[1]\n\n[^1]: Sun facts. https://example.org/a. Accessed 2099-06-01.",
    ),
    tags=("citations",),
)
def date_unparseable(ctx, opts) -> Iterator[Hit]:
    for ref in ctx.doc.references:
        bad = ref.accessed_raw and not ref.accessed
        if not bad and ref.accessed:
            try:
                dt.date.fromisoformat(ref.accessed[:10])
            except ValueError:
                bad = True
        if bad:
            yield Hit(
                ctx.t(
                    "Reference {key} has an access date that is not a date: “{date}”",
                    key=ref.key,
                    date=ref.accessed_raw or ref.accessed,
                ),  # fmt: skip
                _ref_loc(ctx, ref),
                Suggestion(ctx.t("Write the date as YYYY-MM-DD")),
            )


def _norm_title(s: str | None) -> str:
    return re.sub(r"\W+", " ", (s or "").lower()).strip()


def _duplicate_message(ctx, kind: str, key: str, other: str) -> str:
    """One whole template per kind, so a translator sees full sentences."""
    if kind == "doi":
        return ctx.t(
            "Reference {key} duplicates reference {other} (same doi)", key=key, other=other
        )
    if kind == "url":
        return ctx.t(
            "Reference {key} duplicates reference {other} (same url)", key=key, other=other
        )
    return ctx.t("Reference {key} duplicates reference {other} (same title)", key=key, other=other)


@rule(
    code="CT007",
    name="duplicate-reference",
    severity="warning",
    summary="Two reference-list entries are the same source (same DOI, URL or title).",
    rationale="Duplicates split citations of one source across two numbers (Wikipedia: “defined multiple times”).",
    flagged=(
        "# Title\n\nA.[1] B.[2]\n\n[^1]: Sun facts. https://example.org/a.\n[^2]: Sun facts. https://example.org/a.",
    ),
    languages=("*",),
    clean=(
        "# Title\n\nA.[1] B.[2]\n\n[^1]: Sun facts. https://example.org/a.\n[^2]: Skin facts. https://example.org/b.",
    ),
    tags=("citations",),
)
def duplicate_reference(ctx, opts) -> Iterator[Hit]:
    seen: dict[tuple[str, str], str] = {}
    for ref in ctx.doc.references:
        keys = []
        if ref.doi:
            keys.append(("doi", ref.doi.lower()))
        if ref.url:
            keys.append(("url", ref.url.rstrip("/").lower()))
        title = _norm_title(ref.title)
        if title and len(title) > 12:
            keys.append(("title", title))
        for key in keys:
            if key in seen:
                yield Hit(
                    _duplicate_message(ctx, key[0], ref.key, seen[key]),
                    _ref_loc(ctx, ref),
                    Suggestion(
                        ctx.t(
                            "Cite reference {other} instead and remove this entry", other=seen[key]
                        )
                    ),
                )
                break
        for key in keys:
            seen.setdefault(key, ref.key)


@rule(
    code="CT008",
    name="doi-malformed",
    severity="error",
    summary="A reference's DOI does not have the form 10.NNNN/suffix.",
    rationale="A malformed DOI does not resolve at doi.org.",
    flagged=(
        "# Title\n\nA.[1]\n\n[^1]: Sun facts. doi:10.12/x y.",
        "# Title\n\nA.[1]\n\n[^1]: Sun facts. doi: 10.1000.",
        "# Title\n\nA.[1]\n\n[^1]: Sun facts. doi:10/abc",
        "# Title\n\nA.[1]\n\n[^1]: Sun facts. DOI 10.1234/ 2019.",
    ),
    languages=("*",),
    clean=("# Title\n\nA.[1]\n\n[^1]: Sun facts. doi:10.1016/j.sapharm.2012.05.009.",),
    tags=("citations",),
)
def doi_malformed(ctx, opts) -> Iterator[Hit]:
    for ref in ctx.doc.references:
        if ref.doi:
            doi = re.sub(
                r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", ref.doi.strip(), flags=re.I
            )
            if not DOI_RE.match(doi):
                yield Hit(
                    ctx.t("Reference {key} has a malformed DOI: “{doi}”", key=ref.key, doi=ref.doi),
                    _ref_loc(ctx, ref),
                    Suggestion(ctx.t("A DOI looks like 10.1000/xyz123")),
                )


@rule(
    code="CT009",
    name="url-malformed",
    severity="error",
    summary="A reference's URL is not an absolute http(s) address.",
    rationale="A malformed link cannot be followed from the HTML or PDF handout.",
    flagged=("# Title\n\nA.[1]\n\n[^1]: Sun facts. https://example.",),
    languages=("*",),
    clean=("# Title\n\nA.[1]\n\n[^1]: Sun facts. https://example.org/sun.",),
    tags=("citations",),
)
def url_malformed(ctx, opts) -> Iterator[Hit]:
    for ref in ctx.doc.references:
        if ref.url:
            parts = urlsplit(ref.url.strip())
            if (
                parts.scheme not in ("http", "https")
                or "." not in parts.netloc
                or " " in ref.url.strip()
            ):
                yield Hit(
                    ctx.t("Reference {key} has a malformed URL: “{url}”", key=ref.key, url=ref.url),
                    _ref_loc(ctx, ref),
                    Suggestion(ctx.t("Use a full address starting with https://")),
                )


def fetch_status(url: str, timeout: float = 10.0) -> int | str:
    """HTTP status of ``url`` (HEAD, then GET); only called with ``--check-links``."""
    import urllib.error
    import urllib.request

    for method in ("HEAD", "GET"):
        req = urllib.request.Request(url, method=method, headers={"User-Agent": "plainprint-check"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310
                return resp.status
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return exc.code
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return str(getattr(exc, "reason", exc))
    return "no answer"


@rule(
    code="CT010",
    name="link-unreachable",
    severity="warning",
    summary="A reference's URL or DOI does not answer (only with --check-links).",
    rationale=(
        "Dead links are common in health pages. Checking needs the network, so it runs only "
        "when asked (`--check-links` or `checks.check_links = true`); CI stays offline."
    ),
    flagged=(),
    languages=("*",),
    clean=("# Title\n\nA.[1]\n\n[^1]: Sun facts. https://example.org/sun.",),
    tags=("citations", "network"),
)
def link_unreachable(ctx, opts) -> Iterator[Hit]:
    if not ctx.settings.check_links:
        return
    fetch = ctx.fetch_status or fetch_status
    for ref in ctx.doc.references:
        target = ref.url or (f"https://doi.org/{ref.doi}" if ref.doi else None)
        if not target:
            continue
        status = fetch(target)
        if not (isinstance(status, int) and 200 <= status < 400):
            yield Hit(
                ctx.t(
                    "Reference {key} link does not answer: {url} ({status})",
                    key=ref.key,
                    url=target,
                    status=status,
                ),  # fmt: skip
                _ref_loc(ctx, ref),
                Suggestion(ctx.t("Find the current address (or an archived copy)")),
            )
