"""Plain-Python extraction of tables from municipal report text. No Dagster here."""
from .extract import ExtractionError, extract_document, extract_file

__all__ = ["ExtractionError", "extract_document", "extract_file"]
