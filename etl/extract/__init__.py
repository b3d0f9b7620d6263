"""Extraction: one module per extractor, wired together by ``extract_article``."""
