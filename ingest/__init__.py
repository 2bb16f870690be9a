"""Read budget disclosures (PDF or text form) into tables, rows and narrative."""

from ingest.errors import BudgetQAError, InputError
from ingest.model import Cell, Chunk, Document, Row, Section, Table
from ingest.pipeline import IngestResult, ingest_paths, parse_path

__all__ = [
    "BudgetQAError",
    "Cell",
    "Chunk",
    "Document",
    "IngestResult",
    "InputError",
    "Row",
    "Section",
    "Table",
    "ingest_paths",
    "parse_path",
]
