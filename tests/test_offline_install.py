"""No internet at the workshop: install from a folder of wheels, with no package index.

The README's "Uden internet" section says: on a connected machine, fill a folder with
wheels (``pip download``/``pip wheel``), carry it over, and ``pip install --no-index
--find-links``. This test makes such a folder without any network, from the test
environment's own installed packages (each installed distribution packed back into a
wheel from its ``RECORD``), adds inddrag's own wheel, installs into a fresh virtual
environment with every index unreachable, and runs ``inddrag check`` there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.tags import sys_tags

from tests.conftest import REPO

_SKIP_DIST_INFO = {"INSTALLER", "REQUESTED", "direct_url.json", "RECORD"}


def _wanted(requirement: Requirement, extras: set[str]) -> bool:
    """Whether a requirement applies here, with these extras asked for."""
    marker = requirement.marker
    return marker is None or any(marker.evaluate({"extra": e}) for e in ("", *extras))


def _requirements(wheel: Path) -> list[Requirement]:
    """What a wheel requires to run (``Requires-Dist`` whose marker holds, no extras)."""
    with zipfile.ZipFile(wheel) as archive:
        [meta] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(meta).decode("utf-8")
    found = [
        Requirement(line.split(":", 1)[1].strip())
        for line in text.splitlines()
        if line.startswith("Requires-Dist:")
    ]
    return [r for r in found if _wanted(r, set())]


def _closure(requirements: list[Requirement]) -> dict[str, metadata.Distribution]:
    """These requirements and theirs, transitively, as installed here (extras followed)."""
    found: dict[str, metadata.Distribution] = {}
    done: set[tuple[str, frozenset[str]]] = set()
    todo = [(r.name, frozenset(r.extras)) for r in requirements]
    while todo:
        name, extras = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if (key, extras) in done:
            continue
        done.add((key, extras))
        dist = metadata.distribution(name)
        found[key] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if _wanted(requirement, set(extras)):
                todo.append((requirement.name, frozenset(requirement.extras)))
    return found


def repack(dist: metadata.Distribution, folder: Path) -> Path:
    """Pack an installed distribution back into a wheel (scripts are made again by pip)."""
    wheel_info = dist.read_text("WHEEL") or ""
    tags = [
        line.split(":", 1)[1].strip() for line in wheel_info.splitlines() if line.startswith("Tag:")
    ]
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    ours = {str(tag) for tag in sys_tags()}
    tag = next((tag for tag in tags if tag in ours), "py3-none-any")
    target = folder / f"{name}-{dist.version}-{tag}.whl"
    root = Path(str(dist.locate_file("")))
    record: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        info_dir = ""
        for item in dist.files or []:
            path = item.as_posix()
            parts = Path(path).parts
            if path.startswith("..") or "__pycache__" in parts:
                continue
            if parts[0].endswith(".dist-info"):
                info_dir = parts[0]
                if parts[-1] in _SKIP_DIST_INFO:
                    continue
            source = root / path
            if source.is_file():
                archive.write(source, path)
                record.append(f"{path},,")
        record.append(f"{info_dir}/RECORD,,")
        archive.writestr(f"{info_dir}/RECORD", "\n".join(record) + "\n")
    return target


@pytest.mark.slow
def test_install_from_a_folder_of_wheels_without_an_index(tmp_path: Path) -> None:
    wheels = tmp_path / "hjul"
    wheels.mkdir()
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(wheels)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (own,) = wheels.glob("inddrag-*.whl")
    for dist in _closure(_requirements(own)).values():
        repack(dist, wheels)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    unreachable = "http://127.0.0.1:9"  # nothing listens there: any index lookup fails
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))},
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_INDEX_URL": unreachable,
        "http_proxy": unreachable,
        "https_proxy": unreachable,
    }
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-index",
            "--find-links",
            str(wheels),
            "inddrag",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    check = subprocess.run(
        [str(venv / "bin" / "inddrag"), "check"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("✓") == 2
    assert str(venv) in check.stdout  # the packs of the installed copy
