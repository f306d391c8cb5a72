"""Full-text search over the built section with Pagefind.

:mod:`generator.search.records` decides what is indexed (pure); :mod:`generator.search.pagefind`
writes the records and runs the Pagefind binary over the written site (the only I/O).
"""
