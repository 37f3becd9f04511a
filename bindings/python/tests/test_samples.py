"""Every shipped sample gives what the command line gives, value for value."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import kader
from conftest import BASISKADER, ROOT, VOORBEELDSTAD, cli, cli_json, sample_paths

STAGES: list[kader.Stage] = ["intake", "audit"]
SAMPLES = sample_paths()


def test_the_samples_are_shipped() -> None:
    assert len(SAMPLES) >= 10


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_evaluate_equals_kader_eval(basiskader: kader.Framework, path: Path, stage: kader.Stage) -> None:
    relative = str(path.relative_to(ROOT))
    expected = cli_json("eval", str(BASISKADER), relative, "--format", "json", "--stage", stage)
    assert basiskader.evaluate(path, stage=stage) == expected
    text = path.read_text(encoding="utf-8")
    assert basiskader.evaluate(text, stage=stage) == expected
    if path.suffix == ".json":
        assert basiskader.evaluate(json.loads(text), stage=stage) == expected


@pytest.mark.parametrize("path", SAMPLES[:3], ids=lambda p: p.name)
def test_lang_and_as_of_are_the_command_line_flags(basiskader: kader.Framework, path: Path) -> None:
    relative = str(path.relative_to(ROOT))
    args = ["eval", str(BASISKADER), relative, "--format", "json", "--stage", "audit"]
    expected = cli_json(*args, "--lang", "en", "--as-of", "2027-06-01")
    assert basiskader.evaluate(path, stage="audit", lang="en", as_of="2027-06-01") == expected
    on_date = basiskader.evaluate(path, stage="audit", lang="en", as_of=datetime.date(2027, 6, 1))
    assert on_date == expected


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_plan_equals_kader_plan(basiskader: kader.Framework, path: Path) -> None:
    relative = str(path.relative_to(ROOT))
    expected = cli_json("plan", str(BASISKADER), relative, "--format", "json")
    assert basiskader.plan(path) == expected
    by_owner = cli_json("plan", str(BASISKADER), relative, "--format", "json", "--by", "owner")
    assert basiskader.plan(path, by="owner") == by_owner


def test_evaluate_many_gives_each_result_in_input_order(basiskader: kader.Framework) -> None:
    paths = SAMPLES * 3
    for stage in STAGES:
        one_by_one = [basiskader.evaluate(p, stage=stage) for p in paths]
        assert basiskader.evaluate_many(paths, stage=stage) == one_by_one
    assert basiskader.evaluate_many([]) == []


def test_evaluate_many_reads_a_batch(basiskader: kader.Framework) -> None:
    lines = (ROOT / "samples" / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    expected = [
        json.loads(line)
        for line in cli_json_lines("eval", str(BASISKADER), "samples/batch.jsonl", "--format", "json")
    ]
    assert basiskader.evaluate_many(line for line in lines if line.strip()) == expected


def cli_json_lines(*args: str) -> list[str]:
    return [line for line in cli(*args).stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize(
    "path", sample_paths(ROOT / "samples" / "voorbeeldstad"), ids=lambda p: p.name
)
def test_a_layer_reads_its_base_from_the_frameworks_folder(path: Path, stage: kader.Stage) -> None:
    layer = kader.Framework.from_file(
        VOORBEELDSTAD, frameworks_dir=ROOT / "frameworks"
    )
    assert layer.extends == [("basiskader", "2026.1")]
    relative = str(path.relative_to(ROOT))
    expected = cli_json(
        "eval", str(VOORBEELDSTAD), relative, "--frameworks", "frameworks",
        "--format", "json", "--stage", stage,
    )
    assert layer.evaluate(path, stage=stage) == expected
    # The same layer from its text, its base by id.
    from_text = kader.Framework(
        VOORBEELDSTAD.read_text(encoding="utf-8"),
        bases={"basiskader": BASISKADER.read_text(encoding="utf-8")},
    )
    assert from_text.evaluate(path, stage=stage) == expected


def test_schema_equals_kader_schema(basiskader: kader.Framework) -> None:
    assert basiskader.schema() == cli_json("schema", str(BASISKADER))


def test_check_equals_kader_check(basiskader: kader.Framework) -> None:
    today = datetime.date.today()
    records = cli_json("check", str(BASISKADER), "--format", "json")
    assert [kader.Diagnostic._of(r) for r in records] == basiskader.check(as_of=today)
    assert basiskader.id == "basiskader"
    assert basiskader.version == "2026.1"
    assert basiskader.language == "nl"
    assert basiskader.extends == []
    assert basiskader.file_name == "frameworks/basiskader.kader"
    assert basiskader.format() == BASISKADER.read_text(encoding="utf-8")


def test_version_is_kaders() -> None:
    from importlib.metadata import version

    assert cli("--version").stdout.split() == ["kader", kader.__version__]
    assert version("kader") == kader.__version__
    response = json.loads(kader.call('{"op": "version"}'))
    assert response["result"]["version"] == kader.__version__
