"""Editor-facing views of check results: the per-document report and the library index."""
