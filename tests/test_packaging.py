"""The packs ship inside the wheel and load from an installed package in any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_ships_packs_and_checks_them_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("inddrag-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for lang in ("da", "en"):
        assert f"inddrag/content/{lang}/advice.toml" in names
        assert f"inddrag/content/{lang}/roles.toml" in names
    assert "inddrag/i18n/da/problems.toml" in names
    from inddrag.tomlcache import cache_path

    for shipped in ("inddrag/i18n/da/problems.toml", "inddrag/content/en/advice.toml"):
        assert cache_path(Path(shipped)).as_posix() in names  # built with the wheel
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import inddrag; "
        "assert inddrag.__file__.startswith(sys.argv[1]), inddrag.__file__; "
        "from inddrag.cli import main; raise SystemExit(main(['check']))"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert str(target) in out.stdout
    assert out.stdout.count("✓") == 2
    installed = sorted(p for p in (target / "inddrag").rglob("*") if "__pycache__" in p.parts)
    assert not [p for p in installed if p.suffix == ".tmp"]
    assert all(p.suffix != ".marshal" for p in installed)  # nothing written at run time
