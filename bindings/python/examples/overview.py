"""An overview of a folder of school locations: one row each, as a table.

    python bindings/python/examples/overview.py FRAMEWORK FOLDER [--stage audit]
        [--frameworks DIR] [--lang en]

Evaluates every location file in FOLDER (``*.json`` and ``*.toml``) with
kader's Python package, all at once on every core, and prints the verdict,
the themes that pass and the criteria that fail of each. Uses nothing but
the standard library and kader.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Dict, List, Sequence

import kader


def location_files(folder: Path) -> List[Path]:
    """The location files of a folder, by name (expectation files left out)."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in (".json", ".toml") and not path.name.endswith(".expect.toml")
    )


def row(result: Dict[str, Any]) -> List[str]:
    """One location's row: name, verdict, themes passed, failing criteria."""
    location = result["location"]
    themes = result["themes"]
    passed = sum(1 for theme in themes if theme["status"] == "pass")
    failing = [c["id"] for c in result["criteria"] if c["status"] == "fail"]
    return [
        str(location.get("name") or location["id"]),
        str(result["verdict"]),
        f"{passed}/{len(themes)}",
        " ".join(failing) or "-",
    ]


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows as a text table, each column as wide as its widest cell."""
    widths = [max(len(cells[i]) for cells in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(cells) for cells in rows)])


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("framework", type=Path, help="the framework file (.kader)")
    parser.add_argument("folder", type=Path, help="a folder of location files")
    parser.add_argument("--stage", choices=["intake", "audit"], default="intake")
    parser.add_argument("--lang", choices=["nl", "en"], default=None)
    parser.add_argument("--frameworks", type=Path, default=None, help="where bases are found")
    args = parser.parse_args(argv)

    try:
        framework = kader.Framework.from_file(args.framework, frameworks_dir=args.frameworks)
        files = location_files(args.folder)
        results = framework.evaluate_many(files, stage=args.stage, lang=args.lang)
    except (kader.KaderError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    header = ["location", "verdict", "themes", "failing"]
    print(f"{framework.title} {framework.version}, {args.stage}: {len(results)} locations")
    print(table(header, [row(result) for result in results]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
