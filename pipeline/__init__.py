"""plainprint: accessible, plain-language handouts from scraped health articles."""

__version__ = "0.1.0"
