"""Open data: every plan and report as CSV, XLSX and JSON beside its page, the passports of
the Methodological recommendations on open data (v3.0), and the registry of the data sets.

:mod:`columns` declares the columns, :mod:`rows` maps validated content to rows and documents,
:mod:`writers` writes bytes, :mod:`passport` computes the passports, and :mod:`files` lays the
files out under the section root. All of it is pure; the MkDocs plugin writes the files.
"""
