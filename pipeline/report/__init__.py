"""Editor-facing views of check results: the per-document report and the library index."""

from plainprint.pipeline.report.editor import render_report

__all__ = ["render_report"]
