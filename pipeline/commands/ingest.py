"""``plainprint ingest SOURCE [-o FILE] [--to json|markdown|text]``."""

from __future__ import annotations

import sys


def add_parser(sub) -> None:
    p = sub.add_parser(
        "ingest",
        help="clean a source into a structured Document",
        description=(
            "Read a saved HTML page, a plain-text scrape or a Markdown file and print the "
            "structured Document: title, language, headings, paragraphs, lists, citations "
            "linked to the reference list, and an audit of what was removed."
        ),
    )
    p.add_argument("source", help="source file (.html, .htm, .txt or .md)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.add_argument(
        "--to",
        choices=("json", "markdown", "text"),
        default="json",
        help="json: the Document (default); markdown: an editable source that re-ingests to "
        "the same Document; text: body text only, one block per paragraph",
    )
    p.set_defaults(run=run)


def run(args) -> int:
    from plainprint.pipeline.atomic import write_text
    from plainprint.pipeline.commands.common import config_from_args
    from plainprint.pipeline.document import to_json
    from plainprint.pipeline.loading import load_document

    config = config_from_args(args)
    doc = load_document(args.source, config)
    if args.to == "json":
        out = to_json(doc)
    elif args.to == "markdown":
        from plainprint.pipeline.export.markdown import to_markdown

        out = to_markdown(doc)
    else:
        from plainprint.pipeline.export.text import to_text

        out = to_text(doc)
    if args.output:
        write_text(args.output, out)
    else:
        sys.stdout.write(out)
    return 0
