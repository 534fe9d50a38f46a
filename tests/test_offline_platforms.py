"""A folder of wheels made on this machine installs on Windows and on a Mac.

The README's offline section tells a facilitator with a Linux machine (or any other) how to
fill a folder for a Windows or macOS laptop: ``pip download --platform … --python-version
3.12 --only-binary=:all:``. This test does exactly that for ``win_amd64`` and
``macosx_11_0_arm64`` (inddrag's own wheel built here, everything it needs from the package
registry), then asks pip to resolve an install for that platform from the folder alone
(``--dry-run --no-index --find-links``, every configured index and folder ignored): every
dependency, compiled ones included (``pydantic-core``), must be there as a wheel for that
platform.

The download needs the package registry. When it cannot be reached the test skips and
says so; CI reaches it. What this cannot prove: that the wheels then install and run on a
real Windows or Mac (that is ``inddrag check`` there; see docs/platforms.md).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PLATFORMS = ["win_amd64", "macosx_11_0_arm64"]
PYTHON = "3.12"


def pip(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=timeout,
    )


def registry_reachable(folder: Path) -> bool:
    """Whether one small wheel can be downloaded now (quickly, without retrying long)."""
    try:
        probe = pip(
            *("download", "--no-deps", "--timeout", "10", "--retries", "1"),
            *("--dest", str(folder), "tomli-w"),
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        return False
    return probe.returncode == 0


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip, saying why, when the package registry cannot be reached."""
    if not registry_reachable(tmp_path_factory.mktemp("probe")):
        pytest.skip(
            "The package registry cannot be reached from here, so no wheel folder for "
            "another platform can be filled; CI reaches it and runs this test."
        )


@pytest.fixture(scope="module")
def own_wheel(registry: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("inddrag-*.whl")
    return wheel


def for_platform(name: str) -> list[str]:
    return ["--platform", name, "--python-version", PYTHON, "--only-binary=:all:"]


@pytest.mark.slow
@pytest.mark.parametrize("target", PLATFORMS)
def test_a_wheel_folder_for_another_platform_resolves_every_dependency(
    target: str, own_wheel: Path, tmp_path: Path
) -> None:
    wheels = tmp_path / "hjul"
    download = pip("download", "--dest", str(wheels), *for_platform(target), str(own_wheel))
    assert download.returncode == 0, download.stdout + download.stderr
    names = sorted(p.name for p in wheels.glob("*.whl"))
    assert any(n.startswith("inddrag-") for n in names), names
    [core] = [n for n in names if n.startswith("pydantic_core-")]
    assert re.search(r"-cp312-cp312-(win_amd64|macosx_\d+_\d+_arm64)\.whl$", core), core

    # Only the folder: no configured index, find-links or constraints of this machine.
    alone = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    alone["PIP_CONFIG_FILE"] = os.devnull
    install = pip(
        "install",
        "--dry-run",
        "--no-index",
        "--find-links",
        str(wheels),
        *for_platform(target),
        "--target",
        str(tmp_path / "target"),
        "inddrag",
        env=alone,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    would = {
        re.sub(r"[-_.]+", "-", w.rsplit("-", 1)[0]).lower()
        for w in install.stdout.split("Would install", 1)[1].split()
    }
    assert {"inddrag", "textual", "pydantic", "pydantic-core", "platformdirs"} <= would
