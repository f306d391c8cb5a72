"""The rule types: what each kind of rule looks for in the built site, grouped by subject.

Which rules apply, under which title and legal basis and with what parameters, is data (the
profiles); here is only the logic, keyed by the rule's ``type``. Every check is pure: the parsed
site and the profile in, a list of failures out. It reads the rendered HTML and the files, never
the content models, so it judges what a visitor (and a prosecutor) actually sees. Importing this
package registers every rule type (:mod:`generator.compliance.registry`).
"""

from generator.compliance.rules import documents, home, pages

__all__ = ["documents", "home", "pages"]
