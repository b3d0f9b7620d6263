"""Extraction: one module per extractor; ``etl.pipeline.extract_article`` wires them together."""
