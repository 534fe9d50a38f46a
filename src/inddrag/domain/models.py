"""Shared building blocks for our pydantic models."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
"""A stable id: lowercase ASCII letters, digits, ``-`` and ``_``."""

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
"""Text that must say something."""


class Strict(BaseModel):
    """Base for every model read from a file: unknown keys are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)
