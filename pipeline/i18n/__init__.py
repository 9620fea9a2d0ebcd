"""Languages: detecting a document's language, and the handouts' message catalogues."""
