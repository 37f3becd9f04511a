//! Inputs the benches share: the shipped basiskader and its samples,
//! generated locations, and generated frameworks of any size.

#![allow(dead_code, reason = "each bench uses a part of the support module")]

use std::fmt::Write;
use std::path::{Path, PathBuf};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn basiskader() -> String {
    std::fs::read_to_string(root().join("frameworks/basiskader.kader")).unwrap_or_default()
}

/// The shipped JSON samples' texts, in file order.
pub fn json_samples() -> Vec<String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// A framework with `criteria` criteria in themes of 100, each reading its
/// own evidence: a mix of thresholds, windows, flags, graded levels and
/// applicability, as in the basiskader.
pub fn synthetic_framework(criteria: usize) -> String {
    let themes = criteria.div_ceil(100);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "framework synthetic \"Synthetic {criteria}\" version \"1\""
    );
    let _ = writeln!(s, "validity 36 months\n\nevidence {{");
    let _ = writeln!(
        s,
        "  school.type : enum(po, so, vo, mbo) \"Onderwijssoort\""
    );
    for i in 0..criteria {
        let (t, c) = (i / 100, i % 100);
        let ty = match i % 4 {
            0 => "percent",
            1 => "bool",
            2 => "date",
            _ => "int",
        };
        let _ = writeln!(s, "  t{t}.e{c} : {ty} \"Gegeven {i}\"");
    }
    let _ = writeln!(s, "}}\n\ndefine po_so_vo = school.type in {{po, so, vo}}\n");
    for t in 0..themes {
        let _ = writeln!(s, "theme t{t} \"Thema {t}\" {{");
        for c in 0..100 {
            let i = t * 100 + c;
            if i >= criteria {
                break;
            }
            let _ = writeln!(s, "  criterion T{t}C{c} \"Criterium {i}\" {{");
            if i % 10 == 0 {
                let _ = writeln!(s, "    mandatory");
            }
            if i % 7 == 0 {
                let _ = writeln!(s, "    applies when po_so_vo");
            }
            let _ = writeln!(s, "    owner school");
            let e = format!("t{t}.e{c}");
            match i % 4 {
                0 if i % 8 == 0 => {
                    let _ = writeln!(s, "    weight 2\n    score {{\n      2 when {e} >= 90%\n      1 when {e} >= 70%\n      0 otherwise\n    }}");
                }
                0 => {
                    let _ = writeln!(
                        s,
                        "    require {e} >= 70%\n      else \"Te laag: {{{e}}}.\""
                    );
                }
                1 => {
                    let _ = writeln!(s, "    require {e}\n      else \"Niet aanwezig.\"");
                }
                2 => {
                    let _ = writeln!(
                        s,
                        "    require {e} within 12 months\n      else \"Te oud: {{{e}}}.\""
                    );
                }
                _ => {
                    let _ = writeln!(s, "    require {e} >= 2 and {e} <= 40\n      else \"Buiten de grenzen: {{{e}}}.\"");
                }
            }
            let _ = writeln!(s, "  }}");
        }
        let _ = writeln!(s, "}}\n");
    }
    let _ = writeln!(s, "scoring {{\n  theme passes when all mandatory pass and score >= 60%\n  certified when all themes pass\n}}");
    s
}
