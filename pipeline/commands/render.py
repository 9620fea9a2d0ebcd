"""``plainprint render SOURCE|DOC.json [--pdf FILE] [--html FILE] [--profile screen|print]``."""

from __future__ import annotations

from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser(
        "render",
        help="render a large-print PDF and a plain-language HTML handout",
        description=(
            "Render a source (or a Document JSON from `plainprint ingest`) as a large-print PDF "
            "(PDF/UA-1; with --profile print a PDF/X-4 for print shops, with bleed and crop "
            "marks) and an accessible, self-contained HTML handout. With neither --pdf nor "
            "--html, writes output/pdf/<name>.pdf (output/print/<name>.pdf for the print "
            "profile) and output/html/<name>.html."
        ),
    )
    p.add_argument("source", help="source file (.html, .htm, .txt, .md) or Document .json")
    p.add_argument("--pdf", metavar="FILE", help="write the PDF here")
    p.add_argument("--html", metavar="FILE", help="write the HTML handout here")
    p.add_argument(
        "--profile",
        choices=("screen", "print"),
        default=None,
        help="screen: accessible PDF/UA-1 (default, or render.profile in the configuration); "
        "print: PDF/X-4 with CMYK output intent, 3 mm bleed and crop marks",
    )
    p.set_defaults(run=run)


def run(args) -> int:
    from plainprint.pipeline.atomic import write_bytes, write_text
    from plainprint.pipeline.commands.common import config_from_args
    from plainprint.pipeline.loading import config_for, load_document, source_folder
    from plainprint.pipeline.render import render_html, render_pdf, warnings_once

    source = Path(args.source)
    config = config_from_args(args).for_source(source)
    doc = load_document(source, config)
    config = config_for(config_from_args(args), source, doc)
    profile = args.profile or config.get("render.profile", "screen")
    base = source_folder(source, doc)
    out = Path(config.get("output", "output"))
    pdf_path, html_path = args.pdf, args.html
    if not pdf_path and not html_path:
        name = source.stem
        folder = "print" if profile == "print" else "pdf"
        pdf_path = out / folder / f"{name}.pdf"
        html_path = out / "html" / f"{name}.html"
    # Render both before writing either, so a failure leaves no new file behind.
    with warnings_once():
        pdf = render_pdf(doc, config, profile=profile, base_dir=base) if pdf_path else None
        html = render_html(doc, config, base_dir=base) if html_path else None
    if pdf is not None:
        write_bytes(pdf_path, pdf)
    if html is not None:
        write_text(html_path, html)
    return 0
