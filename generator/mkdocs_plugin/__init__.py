"""The MkDocs plugin that turns a content folder into the section's pages."""
