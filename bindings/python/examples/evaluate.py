# Evaluate a school location with kader's Python package. Run from the
# repository root after `pip install ./bindings/python`:
#   python bindings/python/examples/evaluate.py
from pathlib import Path

import kader

framework = kader.Framework.from_file("frameworks/basiskader.kader")
result = framework.evaluate(
    Path("samples/vo-het-baken-score-below-threshold.json"), stage="intake", lang="en"
)
print(f"{result['location']['name']}: {result['verdict']}")
for c in result["criteria"]:
    if c["status"] == "fail":
        print(f"  {c['id']} {c['title']}: " + " ".join(g["message"] for g in c["gaps"]))
