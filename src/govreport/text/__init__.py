"""Reading a report: bytes to text, metadata, structure (sections, paragraphs, sentences) and number tokens."""
