"""The examples run, and say what the command line says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BASISKADER, ROOT, cli_json, sample_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("stage", ["intake", "audit"])
def test_overview_prints_a_row_for_every_location(stage: str) -> None:
    done = run(str(EXAMPLES / "overview.py"), str(BASISKADER), "samples", "--stage", stage)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    samples = sample_paths()
    assert lines[0] == f"Basiskader Veilige School 2026.1, {stage}: {len(samples)} locations"
    assert lines[1].split() == ["location", "verdict", "themes", "failing"]
    rows = lines[3:]
    assert len(rows) == len(samples)
    for path, line in zip(samples, rows):
        expected = cli_json(
            "eval", str(BASISKADER), str(path.relative_to(ROOT)), "--format", "json",
            "--stage", stage,
        )
        name = expected["location"].get("name") or expected["location"]["id"]
        assert line.startswith(name), (line, name)
        cells = line[len(name):].split()
        assert cells[0] == expected["verdict"], line
        failing = [c["id"] for c in expected["criteria"] if c["status"] == "fail"]
        assert cells[2:] == (failing or ["-"]), line


def test_overview_reports_an_error_without_a_traceback(tmp_path: Path) -> None:
    done = run(str(EXAMPLES / "overview.py"), str(tmp_path / "none.kader"), "samples")
    assert done.returncode == 1
    assert done.stderr.startswith("error: "), done.stderr


def test_the_readme_example_prints_the_verdict_and_the_gaps() -> None:
    done = run(str(EXAMPLES / "evaluate.py"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Het Baken College, Almere: not_certified"
    assert lines[1].startswith("  O1 ")
