"""What is in the raw folder: the report files to read, and the files ignored (and why)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .settings import REPORT_SUFFIXES, report_files

WHY_IGNORED = {
    ".docx": "Word files are not read: save the report as plain text (.txt)",
    ".doc": "Word files are not read: save the report as plain text (.txt)",
}


@dataclass
class RawListing:
    reports: list[Path]
    ignored: dict[str, str] = field(default_factory=dict)


def list_raw(directory: Path) -> RawListing:
    """Report files (.txt and .pdf, any case) sorted by name; every other visible file with the reason."""
    reports = report_files(directory)
    listed = set(reports)  # a set: checking each file against a list of them grew with the square
    ignored = {}
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or not path.is_file() or path in listed:
            continue
        suffix = path.suffix.lower()
        ignored[path.name] = WHY_IGNORED.get(
            suffix, f"'{suffix or 'no extension'}' is not a report format (only {' and '.join(REPORT_SUFFIXES)} files are read)"
        )
    return RawListing(reports, ignored)
