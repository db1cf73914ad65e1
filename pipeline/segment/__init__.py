"""Segmenting: articles, headings and sections, sentences (spaCy)."""
