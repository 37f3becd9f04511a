"""Shared helpers of the kader package's tests.

The tests compare the package with the ``kader`` command line: the binary
named by ``KADER_BIN`` (``tests/it/python.rs`` passes the one cargo built),
or else ``target/debug/kader`` of this repository.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, List

import pytest

import kader

#: The repository's root, where frameworks/ and samples/ are.
ROOT = Path(__file__).resolve().parents[3]
# The tests run in the root (see `pytest_configure`), and name files as
# the command line is given them there.
BASISKADER = Path("frameworks/basiskader.kader")
VOORBEELDSTAD = Path("frameworks/lokaal/voorbeeldstad.kader")


def pytest_configure(config: pytest.Config) -> None:
    """Every test runs in the repository root, as the command line does."""
    os.chdir(ROOT)


def sample_paths(folder: Path = ROOT / "samples") -> List[Path]:
    """Every location file in a folder of samples, by name."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in (".json", ".toml") and not p.name.endswith(".expect.toml")
    )


def kader_bin() -> Path:
    """The kader binary the tests compare with."""
    given = os.environ.get("KADER_BIN")
    path = Path(given) if given else ROOT / "target" / "debug" / "kader"
    if not path.is_file():
        pytest.fail(f"no kader binary at {path}: build it (cargo build) or name it in KADER_BIN")
    return path


def cli(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    """Runs ``kader ARGS`` in the repository root."""
    run = subprocess.run(
        [str(kader_bin()), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    if ok and run.returncode != 0:
        pytest.fail(f"kader {' '.join(args)} failed ({run.returncode}):\n{run.stderr}")
    return run


def cli_json(*args: str, ok: bool = True) -> Any:
    """What ``kader ARGS`` writes on stdout, parsed as JSON."""
    return json.loads(cli(*args, ok=ok).stdout)


@pytest.fixture(scope="session")
def basiskader() -> kader.Framework:
    """The shipped basiskader, compiled once (named as the command line names it)."""
    return kader.Framework.from_file(BASISKADER)
