"""The PDF structure tree has one element per HTML element, across page breaks.

WeasyPrint 70 tags page by page (issue #2903): without post-processing a list, table or
paragraph that crosses a page break is two or more sibling elements. These tests render
documents that must break and check the merged tree, the ParentTree and the marked content.
"""

from __future__ import annotations

import io

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import Table, Text
from plainprint.pipeline.document.build import doc, h, p, ul
from plainprint.pipeline.render import render_pdf
from plainprint.pipeline.render.api import DEFAULT_ICC
from plainprint.pipeline.render.pdf import PdfSettings, asset_policy, write_pdf
from plainprint.pipeline.render.postprocess import postprocess
from plainprint.pipeline.render.structure import SRC
from tests.test_render_pdf import SEED, marked_content_problems, reachable_elements

SENTENCE = "Rest, drink water and call the clinic if the skin near the drip turns red. "
N_ITEMS, N_ROWS = 12, 25


def kids(node) -> list:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def elems(node, tag: str | None = None) -> list:
    out = [k for k in kids(node) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
    return [k for k in out if tag is None or str(k.S) == tag]


def top(pdf: pikepdf.Pdf) -> list:
    (document,) = elems(pdf.Root.StructTreeRoot)
    assert str(document.S) == "/Document"
    return elems(document)


def pages_of(pdf: pikepdf.Pdf, elem) -> set[int]:
    """Page numbers (1-based) holding marked content of ``elem``'s subtree."""
    index = {page.obj.objgen: n for n, page in enumerate(pdf.pages, 1)}
    found, stack = set(), [elem]
    while stack:
        node = stack.pop()
        for kid in kids(node):
            if isinstance(kid, int):
                found.add(index[node.Pg.objgen])
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                found.add(index[kid.get("/Pg", node.get("/Pg")).objgen])
    return found


def parent_tree_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every MCID and annotation maps through the ParentTree to a reachable element that
    contains it, and every MCID/OBJR in the tree maps back to the element holding it."""
    reachable = {e.objgen: e for e in reachable_elements(pdf)}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    problems = []
    holder: dict[tuple[tuple[int, int], int], tuple[int, int]] = {}  # (page, mcid) -> elem
    objr: dict[tuple[int, int], tuple[int, int]] = {}  # annotation -> elem
    for elem in reachable.values():
        for kid in kids(elem):
            if isinstance(kid, int):
                holder[(elem.Pg.objgen, kid)] = elem.objgen
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                page = kid.get("/Pg", elem.get("/Pg"))
                holder[(page.objgen, int(kid.MCID))] = elem.objgen
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.OBJR:
                objr[kid.Obj.objgen] = elem.objgen
            elif (
                isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.P.objgen != elem.objgen
            ):
                problems.append(f"{kid.S} {kid.objgen}: /P is not its parent")
    seen = set()
    for n, page in enumerate(pdf.pages, 1):
        arr = tree[int(page.obj.StructParents)]
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) != "BDC" or not isinstance(operands[1], pikepdf.Dictionary):
                continue
            mcid = operands[1].get("/MCID")
            if mcid is None:
                continue
            mcid = int(mcid)
            seen.add((page.obj.objgen, mcid))
        for mcid, elem in enumerate(arr):
            if elem is not None and (page.obj.objgen, mcid) not in seen:
                problems.append(f"page {n}: ParentTree names MCID {mcid}, which is not drawn")
        for mcid in sorted(m for pg, m in seen if pg == page.obj.objgen):
            elem = arr[mcid] if mcid < len(arr) else None
            if not isinstance(elem, pikepdf.Dictionary) or elem.objgen not in reachable:
                problems.append(f"page {n} MCID {mcid}: ParentTree entry not in the tree")
            elif holder.get((page.obj.objgen, mcid)) != elem.objgen:
                problems.append(f"page {n} MCID {mcid}: ParentTree element does not hold it")
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" not in annot:
                continue
            elem = tree.get(int(annot.StructParent))
            if not isinstance(elem, pikepdf.Dictionary) or objr.get(annot.objgen) != elem.objgen:
                problems.append(f"page {n}: annotation's StructParent is not its Link")
    problems += [f"tree references unknown MCID {k}" for k in holder.keys() - seen]
    return problems


def no_stamps(pdf: pikepdf.Pdf) -> bool:
    return not any(isinstance(o, pikepdf.Dictionary) and SRC in o for o in pdf.objects)


def render_html(body: str, lang: str = "en") -> bytes:
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>T</title>'
        f"</head><body>{body}</body></html>"
    )
    raw = write_pdf(html, settings=PdfSettings(), policy=asset_policy(), base_url=None, source="t")
    return postprocess(raw, seed="test")[0]


def long_list():
    return ul(*[f"Item {i}. " + SENTENCE * 3 for i in range(N_ITEMS)])


def long_table():
    return Table(
        header=(((Text("Step"),), (Text("Time"),)),),
        rows=tuple(
            ((Text(f"Row {i}. " + SENTENCE),), (Text(f"{i} minutes"),)) for i in range(N_ROWS)
        ),
        caption=(Text("How long each step takes"),),
    )


@pytest.fixture(scope="module")
def long_pdf():
    d = doc(
        h(1, "Going home with a drip"),
        p("Read this before you leave."),
        long_list(),
        long_table(),
        p("Last words. " + SENTENCE * 30),
        title="Going home with a drip",
    )
    return pikepdf.open(io.BytesIO(render_pdf(d, Config())))


# ----------------------------------------------------------------------------- tests


def test_long_list_is_one_l_with_all_its_items(long_pdf):
    lists = [e for e in top(long_pdf) if str(e.S) == "/L"]
    assert len(lists) == 1
    items = elems(lists[0], "/LI")
    assert len(items) == N_ITEMS
    assert len(pages_of(long_pdf, lists[0])) >= 2  # it really crossed a page break
    for item in items:
        # An item cut by the page break is one LI too: one label, one body.
        assert [str(e.S) for e in elems(item)] == ["/Lbl", "/LBody"]
        assert item.P.objgen == lists[0].objgen


def test_long_table_is_one_table_with_one_header_and_body(long_pdf):
    tables = [e for e in top(long_pdf) if str(e.S) == "/Table"]
    assert len(tables) == 1
    table = tables[0]
    assert len(pages_of(long_pdf, table)) >= 2
    assert [str(e.S) for e in elems(table)] == ["/Caption", "/THead", "/TBody"]
    (body,) = elems(table, "/TBody")
    assert len(elems(body, "/TR")) == N_ROWS
    # The header WeasyPrint repeats on each page is an artifact, so every TD's Headers
    # still name the one real TH row.
    (head,) = elems(table, "/THead")
    ids = {str(th.ID) for tr in elems(head, "/TR") for th in elems(tr, "/TH")}
    assert len(ids) == 2
    for tr in elems(body, "/TR"):
        for td in elems(tr, "/TD"):
            assert {str(x) for x in td.A.Headers} <= ids and len(td.A.Headers) == 1


def test_paragraph_split_across_pages_is_one_p(long_pdf):
    last = top(long_pdf)[-1]
    assert str(last.S) == "/P"
    assert len(pages_of(long_pdf, last)) >= 2
    assert sum(1 for e in top(long_pdf) if str(e.S) == "/P") == 2


def test_separate_lists_and_paragraphs_stay_separate_across_a_page_break():
    """Two lists (and two paragraphs) that meet exactly at a page break: adjacent, same type,
    the second at the top of a page; only element identity tells them apart."""
    d = doc(
        h(1, "Two lists"),
        ul("First list, one.", "First list, two."),
        ul("Second list, one.", "Second list, two."),
        p("First paragraph."),
        p("Second paragraph."),
        title="Two lists",
    )
    css = "ul + ul, p + p { break-before: page; }"
    pdf = pikepdf.open(io.BytesIO(render_pdf(d, Config(), extra_css=css)))
    shape = [(str(e.S), sorted(pages_of(pdf, e))) for e in top(pdf)]
    assert shape == [("/H1", [1]), ("/L", [1]), ("/L", [2]), ("/P", [2]), ("/P", [3])]
    assert [len(elems(e, "/LI")) for e in top(pdf) if str(e.S) == "/L"] == [2, 2]


def test_parent_tree_maps_every_mcid_to_the_element_holding_it(long_pdf, seed_doc):
    """The long document and the seed, in both profiles (print when the ICC profile is there)."""
    profiles = ["screen", "print"] if DEFAULT_ICC.is_file() else ["screen"]
    seeds = [
        pikepdf.open(io.BytesIO(render_pdf(seed_doc, Config(), profile=pr, base_dir=SEED.parent)))
        for pr in profiles
    ]
    for pdf in (long_pdf, *seeds):
        assert parent_tree_problems(pdf) == []
        assert marked_content_problems(pdf) == []
        assert no_stamps(pdf)


def test_link_split_across_pages_is_one_link_with_page_bound_mcids():
    """A link's text is held by the Link directly: after the merge, MCIDs from the second
    page are MCR dictionaries with that page's /Pg, and every annotation points at it."""
    words = " ".join(["the clinic's page about drips"] * 120)
    pdf = pikepdf.open(
        io.BytesIO(render_html(f'<h1>T</h1><p><a href="https://example.org/d">{words}</a></p>'))
    )
    para = top(pdf)[-1]
    (link,) = elems(para, "/Link")
    assert len(pages_of(pdf, link)) >= 2
    mcrs = [k for k in kids(link) if isinstance(k, pikepdf.Dictionary) and "/MCID" in k]
    assert mcrs and all(k.Pg.objgen != link.Pg.objgen for k in mcrs)
    objrs = [k for k in kids(link) if isinstance(k, pikepdf.Dictionary) and "/Obj" in k]
    annots = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
    assert len(objrs) == len(annots) > 2
    assert parent_tree_problems(pdf) == []
    assert marked_content_problems(pdf) == []


def test_repeated_table_footer_is_one_tfoot_after_the_body():
    """Also: a link in the repeated header keeps every page's annotation on the one Link."""
    rows = "".join(f"<tr><td>Row {i}. {SENTENCE}</td><td>{i}</td></tr>" for i in range(30))
    body = (
        '<h1>T</h1><table><thead><tr><th><a href="https://example.org/a">A</a></th>'
        "<th>B</th></tr></thead>"
        f"<tfoot><tr><td>Total</td><td>30</td></tr></tfoot><tbody>{rows}</tbody></table>"
    )
    pdf = pikepdf.open(io.BytesIO(render_html(body)))
    (table,) = [e for e in top(pdf) if str(e.S) == "/Table"]
    assert len(pages_of(pdf, table)) >= 2
    assert [str(e.S) for e in elems(table)] == ["/THead", "/TBody", "/TFoot"]
    (head,) = elems(table, "/THead")
    (link,) = elems(elems(elems(head, "/TR")[0], "/TH")[0], "/Link")
    objrs = [k for k in kids(link) if isinstance(k, pikepdf.Dictionary) and "/Obj" in k]
    assert len(objrs) == len(pdf.pages) == len(pages_of(pdf, table))
    assert parent_tree_problems(pdf) == []
    assert marked_content_problems(pdf) == []


def test_element_lang_becomes_struct_lang_and_survives_a_merge():
    spanish = "Beba agua y llame a la clínica si la piel se pone roja. " * 60
    pdf = pikepdf.open(
        io.BytesIO(render_html(f'<h1>T</h1><p>English.</p><p lang="es">{spanish}</p>'))
    )
    h1, en, es = top(pdf)
    assert "/Lang" not in h1 and "/Lang" not in en  # inherited from the catalog
    assert str(es.Lang) == "es" and len(pages_of(pdf, es)) >= 2
    assert str(pdf.Root.Lang) == "en"


@settings(max_examples=6, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["p", "ul", "table"]), st.integers(min_value=1, max_value=14)),
        min_size=1,
        max_size=5,
    )
)
def test_one_struct_element_per_block_whatever_the_breaks(blocks):
    made = [h(1, "Many blocks")]
    for kind, n in blocks:
        if kind == "p":
            made.append(p(SENTENCE * n * 2))
        elif kind == "ul":
            made.append(ul(*[f"Item {i}. " + SENTENCE * 2 for i in range(n)]))
        else:
            made.append(
                Table(
                    header=(((Text("Step"),), (Text("Time"),)),),
                    rows=tuple(((Text(SENTENCE),), (Text(str(i)),)) for i in range(n * 2)),
                )
            )
    pdf = pikepdf.open(io.BytesIO(render_pdf(doc(*made, title="Many blocks"), Config())))
    tags = {"p": "/P", "ul": "/L", "table": "/Table"}
    assert [str(e.S) for e in top(pdf)] == ["/H1"] + [tags[k] for k, _ in blocks]
    for elem, (kind, n) in zip(top(pdf)[1:], blocks, strict=True):
        if kind == "ul":
            assert len(elems(elem, "/LI")) == n
        elif kind == "table":
            assert [str(e.S) for e in elems(elem)] == ["/THead", "/TBody"]
            assert len(elems(elems(elem, "/TBody")[0], "/TR")) == n * 2
    assert parent_tree_problems(pdf) == []
