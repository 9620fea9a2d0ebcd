"""pikepdf fixes WeasyPrint 70 cannot make itself (see ../shared/research/render-anchors.md 1.4).

* A list, table or paragraph split across pages becomes one element again, and a table
  header WeasyPrint repeats on each page becomes an artifact (structure.py).
* Page furniture ("Page N of M") is marked content whose struct elements are never linked
  into the tree: it becomes ``/Artifact <</Type /Pagination>>``.
* Decorative images (``alt=""``) become Figures without Alt: they become artifacts and
  leave the tree.
* A link's annotations all belong to its one ``/Link`` element, and every annotation
  prints (links.py).
* PDF/X writes a random ``xmpMM:DocumentID``: it is replaced by one derived from the input.
* Print: the XMP also claims PDF/UA-1 (the file is tagged like the screen PDF), and the BleedBox is set 3 mm outside the TrimBox (the CSS bleed is wider so the crop
  marks sit outside the BleedBox).
The file is saved with a deterministic trailer ``/ID``.
"""

from __future__ import annotations

import io
import re
import zlib

import pikepdf

from plainprint.pipeline.render.links import fix_links
from plainprint.pipeline.render.structure import merge_split_elements

_BDC = re.compile(rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")
_DID = re.compile(rb"xmp\.did:[0-9a-fA-F-]{36}")
MM = 72 / 25.4


def _walk(root) -> set[tuple[int, int]]:
    """objgen of every struct element reachable from the StructTreeRoot."""
    seen: set[tuple[int, int]] = set()
    stack = list(_kids(root))
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or node.objgen in seen:
            continue
        if node.get("/Type") not in (None, pikepdf.Name.StructElem) or "/S" not in node:
            continue
        seen.add(node.objgen)
        stack.extend(_kids(node))
    return seen


def _kids(node):
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _mcids(elem) -> list[int]:
    out = []
    for kid in _kids(elem):
        if isinstance(kid, int):
            out.append(int(kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
            out.append(int(kid.MCID))
    return out


def fix_structure(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Turn orphaned marked content and alt-less Figures into artifacts; merge page splits."""
    stats = _fix_artifacts(pdf)
    merged, repeated = merge_split_elements(pdf)
    stats["merged"] = merged
    stats["repeated"] = sum(len(m) for m in repeated.values())
    if repeated:
        for page in pdf.pages:
            mcids = repeated.get(page.obj.objgen)
            if mcids:
                _rewrite_page(pdf, page, dict.fromkeys(mcids, b"Pagination"))
    return stats


def _fix_artifacts(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Turn orphaned marked content and alt-less Figures into artifacts."""
    stats = {"pagination": 0, "decorative": 0}
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return stats
    reachable = _walk(tree)
    nums = tree.ParentTree.Nums
    page_arrays = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in page_arrays:
            continue
        arr = page_arrays[int(key)]
        if not isinstance(arr, pikepdf.Array):
            continue
        artifacts: dict[int, bytes] = {}
        for mcid, elem in enumerate(arr):
            if not isinstance(elem, pikepdf.Dictionary):
                continue
            if elem.objgen not in reachable:
                artifacts[mcid] = b"Pagination"
            elif elem.get("/S") == pikepdf.Name.Figure and "/Alt" not in elem:
                parent = elem.get("/P")
                if parent is not None:
                    kids = parent.K
                    if isinstance(kids, pikepdf.Array):
                        keep = [
                            k
                            for k in kids
                            if not (isinstance(k, pikepdf.Dictionary) and k.objgen == elem.objgen)
                        ]
                        parent.K = pikepdf.Array(keep)
                    reachable.discard(elem.objgen)
                for m in _mcids(elem) or [mcid]:
                    artifacts[m] = b"Layout"
                stats["decorative"] += 1
        if not artifacts:
            continue
        for mcid in artifacts:
            arr[mcid] = None
        stats["pagination"] += sum(1 for v in artifacts.values() if v == b"Pagination")
        _rewrite_page(pdf, page, artifacts)
    return stats


def _rewrite_page(pdf: pikepdf.Pdf, page, artifacts: dict[int, bytes]) -> None:
    contents = page.obj.Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    for stream in streams:
        data = stream.read_bytes()

        def repl(m: re.Match[bytes]) -> bytes:
            kind = artifacts.get(int(m.group(2)))
            if kind is None:
                return m.group(0)
            return b"/Artifact <</Type /" + kind + b">> BDC"

        new = _BDC.sub(repl, data)
        if new != data:
            stream.write(zlib.compress(new, 6), filter=pikepdf.Name.FlateDecode)


def fix_document_id(pdf: pikepdf.Pdf, seed: str) -> None:
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        return
    xmp = meta.read_bytes()
    new = _DID.sub(b"xmp.did:" + _uuid_from(seed).encode(), xmp)
    if new != xmp:
        meta.write(new)


_UA_ID = (
    b'<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
    b"<pdfuaid:part>1</pdfuaid:part></rdf:Description>"
)


def claim_pdf_ua(pdf: pikepdf.Pdf) -> bool:
    """The print PDF is PDF/X-4 *and* tagged to PDF/UA-1: say so in its XMP, as the screen
    PDF does (WeasyPrint writes one variant's identification only)."""
    meta = pdf.Root.get("/Metadata")
    if meta is None:
        return False
    xmp = meta.read_bytes()
    if b"pdfuaid" in xmp or b"</rdf:RDF>" not in xmp:
        return False
    meta.write(xmp.replace(b"</rdf:RDF>", _UA_ID + b"</rdf:RDF>", 1))
    return True


def _uuid_from(seed: str) -> str:
    import hashlib
    import uuid

    return str(uuid.UUID(bytes=hashlib.sha256(seed.encode()).digest()[:16], version=4))


def fix_bleed(pdf: pikepdf.Pdf, bleed_mm: float) -> None:
    d = bleed_mm * MM
    for page in pdf.pages:
        trim = page.obj.get("/TrimBox")
        if trim is None:
            continue
        x0, y0, x1, y1 = (float(v) for v in trim)
        page.obj.BleedBox = pikepdf.Array(
            [round(x0 - d, 4), round(y0 - d, 4), round(x1 + d, 4), round(y1 + d, 4)]
        )


def postprocess(
    data: bytes, *, seed: str, bleed_mm: float | None = None
) -> tuple[bytes, dict[str, int]]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stats = fix_structure(pdf)
        stats.update(fix_links(pdf))
        fix_document_id(pdf, seed)
        claim_pdf_ua(pdf)
        if bleed_mm is not None:
            fix_bleed(pdf, bleed_mm)
        if "/ID" in pdf.trailer:
            # WeasyPrint's first ID hashes data that held the random DocumentID: drop it so
            # qpdf derives both halves from the final content.
            del pdf.trailer["/ID"]
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            fix_metadata_version=False,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
        )
    return out.getvalue(), stats
