"""One structure element per HTML element, across page breaks (WeasyPrint 70 issue #2903).

WeasyPrint builds the PDF structure tree page by page, so a list, table or paragraph that
crosses a page break becomes two sibling elements, and a screen reader announces two lists.
The PDF alone cannot tell a continuation from a new list that happens to start at the top of
the next page, so the signal is recorded where it exists: while WeasyPrint writes the tags,
:func:`recording` wraps its ``_build_box_tree`` and stamps every structure element with a
number for the HTML element its box came from (``/PlainprintSrc``). :func:`merge_split_elements`
then merges adjacent siblings with the same number and type, drops the table header that
WeasyPrint repeats on every page, keeps the ParentTree and marked-content references right,
and strips the stamps. Elements with their own ``lang`` attribute also get ``/Lang``
(WeasyPrint only writes the catalog's), and header cells get ``/Scope`` from ``scope``.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pikepdf
import pydyf

SRC = "/PlainprintSrc"
_SRC_KEY = SRC[1:]
_ACTIVE: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "plainprint_tags", default=None
)
_PATCH_LOCK = threading.Lock()
_ORIGINAL: list = []  # WeasyPrint's _build_box_tree, once wrapped
_HEADER_GROUPS = (pikepdf.Name.THead, pikepdf.Name.TFoot)
_ELEM_TYPES = (None, pikepdf.Name.StructElem)


def _traced(box, parent, *args):
    """WeasyPrint's ``_build_box_tree``, stamping each new element with its HTML element."""
    sources = _ACTIVE.get()
    if sources is None:
        yield from _ORIGINAL[0](box, parent, *args)
        return
    for element in _ORIGINAL[0](box, parent, *args):
        # The innermost call sees an element first: page, html and body boxes pass their
        # children's elements up, and those are already stamped.
        if _SRC_KEY not in element:
            node = getattr(box, "element", None)
            if node is not None:
                key = (id(node), getattr(box, "element_tag", None))
                entry = sources.setdefault(key, (len(sources) + 1, node))
                element[_SRC_KEY] = entry[0]
                lang = node.get("lang") if hasattr(node, "get") else None
                if lang and box.element_tag != "html":
                    element["Lang"] = pydyf.String(lang)
                if element.get("S") == "/TH" and isinstance(element.get("A"), dict):
                    # WeasyPrint links cells by /Headers only; /Scope states it too (UA-15-003).
                    scope = node.get("scope", "col") if hasattr(node, "get") else "col"
                    element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"
        yield element


def _install() -> bool:
    """Wrap WeasyPrint's tag builder once (pinned to 70.0; a missing hook merges nothing)."""
    with _PATCH_LOCK:
        if _ORIGINAL:
            return True
        try:
            from weasyprint.pdf import tags
        except ImportError:  # pragma: no cover - WeasyPrint is a dependency
            return False
        original = getattr(tags, "_build_box_tree", None)
        if original is None:  # pragma: no cover - a WeasyPrint without the hook
            return False
        _ORIGINAL.append(original)
        tags._build_box_tree = _traced
        return True


@contextmanager
def recording() -> Iterator[None]:
    """Stamp structure elements with their HTML element while WeasyPrint writes the PDF."""
    if not _install():  # pragma: no cover
        yield
        return
    # The dict keeps the HTML elements alive, so their id() cannot be reused mid-render.
    token = _ACTIVE.set({})
    try:
        yield
    finally:
        _ACTIVE.reset(token)


# ------------------------------------------------------------------------- merging


def _kids(node) -> list:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _is_elem(obj) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj and obj.get("/Type") in _ELEM_TYPES


def _key(elem) -> tuple[int, str] | None:
    if not _is_elem(elem):
        return None
    src = elem.get(SRC)
    return None if src is None else (int(src), str(elem.S))


def _same(a, b) -> bool:
    return a is not None and b is not None and a.objgen == b.objgen


@dataclass
class _Merge:
    pdf: pikepdf.Pdf
    replaced: dict[tuple[int, int], pikepdf.Dictionary] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)  # dropped TH /ID -> kept TH /ID
    artifacts: dict[tuple[int, int], set[int]] = field(default_factory=dict)  # page -> MCIDs
    cells: list = field(default_factory=list)
    merged: int = 0

    def absorb(self, a, b) -> None:
        """Append ``b``'s kids to ``a``; MCIDs keep the page they live on."""
        a_pg, b_pg = a.get("/Pg"), b.get("/Pg")
        moved = []
        for kid in _kids(b):
            if isinstance(kid, int):
                if b_pg is not None and not _same(a_pg, b_pg):
                    kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, MCID=kid, Pg=b_pg)
            elif _is_elem(kid):
                kid.P = a
            elif (
                isinstance(kid, pikepdf.Dictionary)
                and kid.get("/Type") == pikepdf.Name.MCR
                and "/Pg" not in kid
                and b_pg is not None
                and not _same(a_pg, b_pg)
            ):
                kid.Pg = b_pg
            moved.append(kid)
        a.K = pikepdf.Array(_kids(a) + moved)
        if "/ID" in b and "/ID" in a:
            self.ids[str(b.ID)] = str(a.ID)
        if "/Lang" in b and "/Lang" not in a:
            a.Lang = b.Lang
        self.replaced[b.objgen] = a
        self.merged += 1

    def drop_repeat(self, kept, repeat) -> None:
        """A table header/footer WeasyPrint repeats on a new page: its text becomes an artifact.

        Its header IDs and link annotations are handed to the elements it repeats.
        """
        originals = {_key(e): e for e in _subtree(kept) if _key(e) is not None}
        for elem in _subtree(repeat):
            original = originals.get(_key(elem))
            if "/ID" in elem and original is not None and "/ID" in original:
                self.ids[str(elem.ID)] = str(original.ID)
            pg = elem.get("/Pg")
            for kid in _kids(elem):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR:
                    if original is not None:  # the link still works on this page
                        original.K = pikepdf.Array([*_kids(original), kid])
                        self.replaced[elem.objgen] = original
                elif isinstance(kid, int) and pg is not None:
                    self.artifacts.setdefault(pg.objgen, set()).add(kid)
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                    page = kid.get("/Pg", pg)
                    if page is not None:
                        self.artifacts.setdefault(page.objgen, set()).add(int(kid.MCID))

    def coalesce(self, node) -> list:
        """Merge adjacent kids of ``node`` that come from one HTML element; return the kids."""
        kids = _kids(node)
        out: list = []
        seen: dict[tuple[int, str], pikepdf.Dictionary] = {}
        footers: list = []
        changed = False
        for kid in kids:
            key = _key(kid)
            if key is not None and out and _key(out[-1]) == key:
                self.absorb(out[-1], kid)
                changed = True
                continue
            if key is not None and kid.S in _HEADER_GROUPS:
                if key in seen:
                    self.drop_repeat(seen[key], kid)
                    changed = True
                    continue
                seen[key] = kid
                if pikepdf.Name.TFoot == kid.S:
                    footers.append(kid)  # a footer belongs after the last body row
                    changed = True
                    continue
            out.append(kid)
        out.extend(footers)
        if changed:
            node.K = pikepdf.Array(out)
        return out


def _subtree(elem) -> list:
    out, stack = [], [elem]
    while stack:
        node = stack.pop()
        if _is_elem(node):
            out.append(node)
            stack.extend(_kids(node))
    return out


def merge_split_elements(pdf: pikepdf.Pdf) -> tuple[int, dict[tuple[int, int], set[int]]]:
    """Merge elements split at page breaks; return (merges, MCIDs to mark as artifacts per page).

    Only siblings stamped by :func:`recording` with the same HTML element and type merge, so
    two separate lists stay two whatever the page layout. The caller rewrites the returned
    MCIDs' marked content as ``/Artifact`` (their ParentTree entries are already cleared).
    """
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return 0, {}
    job = _Merge(pdf)
    stack = [k for k in _kids(tree) if _is_elem(k)]
    visited: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if node.objgen in visited:
            continue
        visited.add(node.objgen)
        if SRC in node:
            del node[SRC]
        if node.get("/S") in (pikepdf.Name.TD, pikepdf.Name.TH):
            job.cells.append(node)
        kids = job.coalesce(node)
        stack.extend(reversed([k for k in kids if _is_elem(k)]))
    if job.ids:
        _rewrite_headers(job.cells, job.ids)
    if job.replaced or job.artifacts:
        _fix_parent_tree(pdf, tree, job)
    _strip_stamps(tree)
    return job.merged, job.artifacts


def _rewrite_headers(cells, ids: dict[str, str]) -> None:
    for cell in cells:
        attrs = cell.get("/A")
        for attr in attrs if isinstance(attrs, pikepdf.Array) else [attrs]:
            if not isinstance(attr, pikepdf.Dictionary) or "/Headers" not in attr:
                continue
            headers = [str(h) for h in attr.Headers]
            new = list(dict.fromkeys(ids.get(h, h) for h in headers))
            if new != headers:
                attr.Headers = pikepdf.Array([pikepdf.String(h) for h in new])


def _fix_parent_tree(pdf: pikepdf.Pdf, tree, job: _Merge) -> None:
    """Point ParentTree entries of merged elements at the survivor; clear artifacted MCIDs."""

    def survivor(elem):
        while isinstance(elem, pikepdf.Dictionary) and elem.objgen in job.replaced:
            elem = job.replaced[elem.objgen]
        return elem

    by_key = {}
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if key is not None:
            by_key[int(key)] = page.obj.objgen
    nums = tree.ParentTree.Nums
    for i in range(0, len(nums), 2):
        value = nums[i + 1]
        if isinstance(value, pikepdf.Array):
            dropped = job.artifacts.get(by_key.get(int(nums[i]), (-1, -1)), set())
            for mcid, elem in enumerate(value):
                if mcid in dropped:
                    value[mcid] = None
                elif isinstance(elem, pikepdf.Dictionary) and elem.objgen in job.replaced:
                    value[mcid] = survivor(elem)
        elif isinstance(value, pikepdf.Dictionary) and value.objgen in job.replaced:
            nums[i + 1] = survivor(value)


def _strip_stamps(tree) -> None:
    """Remove the stamps from elements the walk did not reach (page furniture, dropped parts)."""
    nums = tree.ParentTree.Nums
    for i in range(1, len(nums), 2):
        value = nums[i]
        for elem in value if isinstance(value, pikepdf.Array) else [value]:
            if isinstance(elem, pikepdf.Dictionary) and SRC in elem:
                del elem[SRC]
