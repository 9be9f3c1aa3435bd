"""Text to claims to cross-referenced topic data; imports spaCy lazily, never Jinja."""
