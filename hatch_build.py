"""Build hook: the marshal caches of the TOML files we ship (see ``src/inddrag/tomlcache.py``).

Run by hatchling when a wheel is built. For a normal wheel each cache is written to a
temporary folder and put into the wheel beside its TOML file; for an editable install it
is written beside the source file instead (``__pycache__`` is ignored by git), since the
editable wheel holds no package files. A file marshal cannot keep is simply not cached.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# (folder in the source tree, the same folder inside the wheel)
SHIPPED_TOML = (
    ("src/inddrag/i18n", "inddrag/i18n"),
    ("content", "inddrag/content"),
)


def _tomlcache(root: Path) -> ModuleType:
    """``inddrag.tomlcache`` loaded from its file, without importing the package."""
    spec = importlib.util.spec_from_file_location(
        "_inddrag_tomlcache", root / "src" / "inddrag" / "tomlcache.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class MarshalCacheHook(BuildHookInterface):
    """Adds ``__pycache__/NAME.toml.marshalN`` beside every TOML file we ship."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        cache = _tomlcache(root)
        editable = version == "editable"
        self._temp = None if editable else Path(tempfile.mkdtemp(prefix="inddrag-cache-"))
        for source_dir, wheel_dir in SHIPPED_TOML:
            for toml in sorted((root / source_dir).rglob("*.toml")):
                try:
                    data = cache.build_cache(toml)
                except (ValueError, OSError):
                    continue
                relative = cache.cache_path(toml).relative_to(root / source_dir)
                if editable:
                    target = root / source_dir / relative
                    target.parent.mkdir(exist_ok=True)
                    target.write_bytes(data)
                    continue
                assert self._temp is not None
                target = self._temp / source_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                build_data["force_include"][str(target)] = f"{wheel_dir}/{relative.as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "_temp", None) is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
