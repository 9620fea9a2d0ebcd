"""Document → text formats (Markdown source, plain body text)."""
