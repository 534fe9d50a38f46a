"""Placeholder registry (replaced by the export registry on merge)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportFormat:
    id: str
    suffix: str


FORMATS = (
    ExportFormat("md", ".md"),
    ExportFormat("csv", ".csv"),
    ExportFormat("xlsx", ".xlsx"),
    ExportFormat("html", ".html"),
)
