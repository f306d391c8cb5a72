"""antikor: the «Противодействие коррупции» section of an official site, from YAML and Markdown."""

__version__ = "0.1.0"
