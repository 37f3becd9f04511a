"""Bad input raises kader's typed exceptions, with what the command line reports."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import kader
from conftest import ROOT, cli_json

BROKEN = """framework demo "Demo" version "1"
evidence {
  monitor.response_rate : percent "Respons op de monitor"
}
theme t "Thema" {
  criterion C1 "Respons" {
    owner school
    require monitr.response_rate >= 70%
  }
}
"""


def test_a_framework_with_errors_raises_framework_error_with_diagnostics() -> None:
    with pytest.raises(kader.FrameworkError) as raised:
        kader.Framework(BROKEN, file_name="demo.kader")
    error = raised.value
    assert isinstance(error, kader.KaderError)
    [diagnostic] = error.diagnostics
    assert diagnostic.code == "E0201"
    assert diagnostic.severity == "error"
    assert diagnostic.file == "demo.kader"
    assert (diagnostic.line, diagnostic.column) == (8, 13)
    assert "monitr.response_rate" in diagnostic.message
    assert diagnostic.help is not None and "monitor.response_rate" in diagnostic.help
    assert "demo.kader:8:13" in str(error)


@pytest.mark.parametrize(
    "path", sorted((ROOT / "tests" / "data" / "err").glob("*.kader"))[:12], ids=lambda p: p.name
)
def test_every_diagnostic_is_what_kader_check_reports(path: Path) -> None:
    relative = str(path.relative_to(ROOT))
    expected = cli_json("check", relative, "--format", "json", ok=False)
    with pytest.raises(kader.FrameworkError) as raised:
        kader.Framework.from_file(relative)
    assert raised.value.diagnostics == [kader.Diagnostic._of(r) for r in expected]


def test_a_layer_without_its_base_raises_at_extends(tmp_path: Path) -> None:
    layer = ROOT / "frameworks" / "lokaal" / "voorbeeldstad.kader"
    with pytest.raises(kader.FrameworkError) as raised:
        kader.Framework(layer.read_text(encoding="utf-8"))
    assert raised.value.diagnostics[0].line == 10
    with pytest.raises(kader.FrameworkError):
        kader.Framework.from_file(layer, frameworks_dir=tmp_path)


def test_a_file_that_cannot_be_read_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nothing.kader"):
        kader.Framework.from_file(tmp_path / "nothing.kader")
    with pytest.raises(FileNotFoundError):
        kader.Framework.from_file(ROOT / "frameworks" / "basiskader.kader").evaluate(
            tmp_path / "nothing.json"
        )


@pytest.mark.parametrize(
    "name, path",
    [
        ("impossible-date.json", "evidence.safety_plan.adopted"),
        ("percent-out-of-range.json", "evidence.monitor.response_rate"),
        ("unknown-enum.json", "evidence.school.type"),
        ("wrong-type.toml", "evidence.rules.published"),
    ],
)
def test_bad_evidence_raises_evidence_error_with_paths(
    basiskader: kader.Framework, name: str, path: str
) -> None:
    file = ROOT / "samples" / "invalid" / name
    with pytest.raises(kader.EvidenceError) as raised:
        basiskader.evaluate(file)
    error = raised.value
    assert path in [p.path for p in error.problems], error.problems
    assert error.source == str(file)
    assert str(file) in str(error)
    # Text gives the same problems.
    with pytest.raises(kader.EvidenceError) as from_text:
        basiskader.evaluate(file.read_text(encoding="utf-8"))
    assert from_text.value.problems == error.problems
    assert from_text.value.source is None


def test_evidence_that_does_not_parse_gives_line_and_column(basiskader: kader.Framework) -> None:
    with pytest.raises(kader.EvidenceError) as raised:
        basiskader.evaluate('{\n  "as_of": "2026-11-30",\n  oops\n}')
    [problem] = raised.value.problems
    assert (problem.line, problem.column) == (3, 3)


def test_evaluate_many_names_the_location_that_failed(basiskader: kader.Framework) -> None:
    good = ROOT / "samples" / "po-de-regenboog-certified.json"
    bad = ROOT / "samples" / "invalid" / "unknown-enum.json"
    with pytest.raises(kader.EvidenceError) as raised:
        basiskader.evaluate_many([good, good, bad, good])
    assert raised.value.index == 2
    assert raised.value.source == str(bad)


def test_undeclared_evidence_is_a_warning(basiskader: kader.Framework) -> None:
    evidence: dict[str, Any] = json.loads(
        (ROOT / "samples" / "po-de-regenboog-certified.json").read_text(encoding="utf-8")
    )
    evidence["evidence"]["monitr"] = {"last_run": "2026-01-01"}
    with pytest.warns(kader.EvidenceWarning, match="did you mean") as caught:
        basiskader.evaluate(evidence)
    assert caught[0].filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        basiskader.evaluate(ROOT / "samples" / "po-de-regenboog-certified.json")


def test_framework_warnings_are_warnings_and_check_lists_them() -> None:
    source = (ROOT / "tests" / "data" / "warn" / "percentage-above-100.kader").read_text(
        encoding="utf-8"
    )
    with pytest.warns(kader.FrameworkWarning):
        framework = kader.Framework(source)
    [diagnostic] = framework.check()
    assert diagnostic.severity == "warning"


@pytest.mark.parametrize(
    "arguments, field",
    [
        ({"stage": "audti"}, "stage"),
        ({"lang": "de"}, "lang"),
        ({"as_of": "30-11-2026"}, "as_of"),
    ],
)
def test_an_argument_kader_does_not_take_raises_request_error(
    basiskader: kader.Framework, arguments: dict[str, str], field: str
) -> None:
    with pytest.raises(kader.RequestError) as raised:
        basiskader.evaluate(ROOT / "samples" / "po-de-regenboog-certified.json", **arguments)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert isinstance(raised.value, ValueError)


def test_evidence_of_another_kind_raises_type_error(basiskader: kader.Framework) -> None:
    with pytest.raises(TypeError):
        basiskader.evaluate(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        basiskader.evaluate({"as_of": object()})
