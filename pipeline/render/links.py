"""Link annotations as PDF/UA wants them (ISO 14289-1 7.18.5, Matterhorn 28).

WeasyPrint 70 gives every inline box of a link its own annotation: a link that wraps onto
another line or page gets one per piece, and a piece inside ``<strong>`` or ``<span>`` is
parented to that element's ``/NonStruct`` or ``/Span`` instead of the ``/Link``. Here every
annotation's object reference moves to its nearest ``/Link`` ancestor, so one Link holds
all the annotations of its link, and every annotation gets the Print flag (LNK-004).
"""

from __future__ import annotations

import pikepdf

PRINT, HIDDEN, NOVIEW = 4, 2, 32


def _kids(node) -> list:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _link_ancestor(elem):
    node, seen = elem, set()
    while isinstance(node, pikepdf.Dictionary) and node.objgen not in seen:
        seen.add(node.objgen)
        if node.get("/S") == pikepdf.Name.Link:
            return node
        node = node.get("/P")
    return None


def _refers_to(kid, annot) -> bool:
    return (
        isinstance(kid, pikepdf.Dictionary)
        and kid.get("/Type") == pikepdf.Name.OBJR
        and kid.Obj.objgen == annot.objgen
    )


def _parent_entries(tree) -> dict[int, int]:
    """StructParent key → index of its value in the ParentTree's /Nums."""
    nums = tree.ParentTree.Nums
    return {int(nums[i]): i + 1 for i in range(0, len(nums), 2)}


def fix_links(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Print flag on every annotation; each link annotation held by its ``/Link`` element."""
    stats = {"print_flag": 0, "relinked": 0}
    tree = pdf.Root.get("/StructTreeRoot")
    entries = _parent_entries(tree) if tree is not None and "/ParentTree" in tree else {}
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            flags = int(annot.get("/F", 0))
            new = (flags | PRINT) & ~(HIDDEN | NOVIEW)
            if new != flags:
                annot.F = new
                stats["print_flag"] += 1
            if annot.get("/Subtype") != pikepdf.Name.Link or "/StructParent" not in annot:
                continue
            index = entries.get(int(annot.StructParent))
            if index is None:
                continue
            nums = tree.ParentTree.Nums
            holder = nums[index]
            if not isinstance(holder, pikepdf.Dictionary) or holder.get("/S") == pikepdf.Name.Link:
                continue
            link = _link_ancestor(holder)
            if link is None:  # an annotation on a box outside any <a>: it is the link
                holder.S = pikepdf.Name.Link
                stats["relinked"] += 1
                continue
            objr = [k for k in _kids(holder) if _refers_to(k, annot)]
            holder.K = pikepdf.Array([k for k in _kids(holder) if not _refers_to(k, annot)])
            link.K = pikepdf.Array(_kids(link) + objr)
            nums[index] = link
            stats["relinked"] += 1
    return stats
