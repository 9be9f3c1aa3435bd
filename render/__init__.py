"""Topic data to pages to files; imports Jinja, never spaCy."""
