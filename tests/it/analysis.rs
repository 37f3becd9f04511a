//! The exact analysis (`kader::analysis`): its relations equal brute
//! force over a grid that covers every region, for generated frameworks
//! and generated changes, and every witness is judged as it claims.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;

use kader::analysis::{self, Comparison, Finding, Relation, Standing, Witness};
use kader::{Evidence, Framework, Stage, Status, Verdict};
use proptest::prelude::*;

use crate::common::{basiskader, basiskader_source, compile, Rng};

/// The as-of date of every comparison here: the end of a month, so that
/// `within 1 months` starts on the 28th of February (clamped).
const AS_OF: &str = "2026-03-31";

fn as_of() -> kader::Date {
    kader::parse_date(AS_OF).unwrap()
}

/// A piece of evidence the generator may declare: its path, its type, the
/// conditions it can appear in, and values as JSON that cover every
/// region those conditions make (every constant, the values between and
/// around them, each side of every window edge, missing as `null`).
struct Kind {
    path: &'static str,
    ty: &'static str,
    atoms: &'static [&'static str],
    grid: &'static [&'static str],
}

const KINDS: &[Kind] = &[
    Kind {
        path: "n",
        ty: "int",
        atoms: &[
            "n >= 1",
            "n >= 3",
            "n == 3",
            "n < 3",
            "n != 1",
            "n > 1",
            "n <= 1",
            "n * 2 >= 3",
            "n + 1 > 2",
        ],
        // Wide enough for the lines with `m` (see `LINES`).
        grid: &[
            "null", "-4", "-3", "-2", "-1", "0", "1", "2", "3", "4", "5", "6", "7",
        ],
    },
    Kind {
        path: "p",
        ty: "percent",
        atoms: &["p >= 50%", "p >= 80%", "p < 80%", "p == 50%"],
        // Every 2.5%, fine enough for the lines with `q` (see `grid`).
        grid: &[],
    },
    Kind {
        path: "d",
        ty: "date",
        atoms: &[
            "d within 7 days",
            "d within 1 months",
            "d before 2026-03-10",
            "d after 2026-03-10",
        ],
        grid: &[
            "null",
            "\"2026-04-01\"",
            "\"2026-03-31\"",
            "\"2026-03-30\"",
            "\"2026-03-25\"",
            "\"2026-03-24\"",
            "\"2026-03-23\"",
            "\"2026-03-11\"",
            "\"2026-03-10\"",
            "\"2026-03-09\"",
            "\"2026-03-01\"",
            "\"2026-02-28\"",
            "\"2026-02-27\"",
        ],
    },
    Kind {
        path: "k",
        ty: "enum(a, b, c)",
        atoms: &["k == a", "k in {a, b}", "k != c"],
        grid: &["null", "\"a\"", "\"b\"", "\"c\""],
    },
    // Not `b`: that is a member of `k`.
    Kind {
        path: "f",
        ty: "bool",
        atoms: &["f", "not f"],
        grid: &["null", "true", "false"],
    },
    Kind {
        path: "t",
        ty: "text",
        atoms: &[
            "t == \"a\"",
            "present(t)",
            "t != \"b\"",
            "t in {\"a\", \"b\"}",
        ],
        grid: &["null", "\"a\"", "\"b\"", "\"\"", "\"zz\""],
    },
    // Elements after the as-of date, in both windows, in the month only,
    // in neither; at most three (the counts are compared with 1 and 2).
    Kind {
        path: "l",
        ty: "list<date>",
        atoms: &[
            "count(l within 7 days) >= 1",
            "count(l within 1 months) >= 2",
            "count(l) >= 2",
        ],
        grid: &[],
    },
    // A second whole number, joined to `n` by `LINES`.
    Kind {
        path: "m",
        ty: "int",
        atoms: &["m >= 2", "m < 5", "m == 4"],
        grid: &[
            "null", "-7", "-6", "-5", "-4", "-3", "-2", "-1", "0", "1", "2", "3", "4", "5", "6",
            "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
        ],
    },
    // A second percentage, joined to `p` by `SHARE_LINES`.
    Kind {
        path: "q",
        ty: "percent",
        atoms: &["q >= 40%", "q < 75%", "q == 20%"],
        grid: &[],
    },
];

/// The kinds `n`, `p`, `m` and `q`, by their place in [`KINDS`].
const N: usize = 0;
const P: usize = 1;
const M: usize = 7;
const Q: usize = 8;

/// Two kinds that lines join, the lines, and how [`changed`] moves them.
struct Joined {
    kinds: [usize; 2],
    lines: &'static [&'static str],
    moved: &'static [(&'static str, &'static str)],
}

const JOINED: &[Joined] = &[
    Joined {
        kinds: [N, M],
        lines: LINES,
        moved: MOVED_LINES,
    },
    Joined {
        kinds: [P, Q],
        lines: SHARE_LINES,
        moved: MOVED_SHARE_LINES,
    },
];

/// Lines between `n` and `m`, for frameworks that declare both: they
/// cross each other, and the regions of `n` and `m`, inside those
/// regions. The grids of `n` and `m` reach every combination of answers
/// that these lines, their moved forms (see [`changed`]) and the atoms of
/// `n` and `m` give on a far wider grid (checked by
/// `the_grids_of_joined_kinds_reach_every_combination_of_answers`), so
/// brute force over them is exact.
const LINES: &[&str] = &[
    "2 * n >= m",
    "n + m > 3",
    "m - n <= 1",
    "3 * n < 2 * m + 1",
    "n == m - 2",
    "2 * n != m + 1",
];

/// How `changed` moves a line: its coefficient or its constant.
const MOVED_LINES: &[(&str, &str)] = &[
    ("2 * n >= m", "3 * n >= m"),
    ("n + m > 3", "n + m > 1"),
    ("m - n <= 1", "m - n <= 2"),
];

/// Lines between `p` and `q`, the same way (every point they put on one
/// for a value of the other is a decimal); the grid of both, every 2.5%,
/// reaches every combination of answers that one every 0.5% does.
const SHARE_LINES: &[&str] = &[
    "p >= q",
    "2 * p < q",
    "2 * p >= q + 1",
    "p == q",
    "4 * q <= 2 * p + 1",
    "p > 1 - q",
];

const MOVED_SHARE_LINES: &[(&str, &str)] =
    &[("2 * p < q", "4 * p < q"), ("p > 1 - q", "2 * q >= p")];

/// Atoms outside the fragment the analysis decides exactly (a point no
/// decimal can be, evidence named twice on one side): what reads them may
/// be undecided, never wrong.
const OUTSIDE: &[&str] = &["p * 3 >= 1", "p + p > 1"];

/// The grid of the list: every multiset of at most three elements of
/// four kinds.
fn list_grid() -> Vec<String> {
    let kinds = [
        "\"2026-04-01\"",
        "\"2026-03-30\"",
        "\"2026-03-10\"",
        "\"2026-01-15\"",
    ];
    let mut out = vec!["null".to_string(), "[]".to_string()];
    for a in 0..4 {
        out.push(format!("[{}]", kinds[a]));
        for b in a..4 {
            out.push(format!("[{}, {}]", kinds[a], kinds[b]));
            for c in b..4 {
                out.push(format!("[{}, {}, {}]", kinds[a], kinds[b], kinds[c]));
            }
        }
    }
    out
}

/// A percentage every 2.5%, and missing.
fn share_grid() -> Vec<String> {
    std::iter::once("null".to_string())
        .chain((0..=40).map(|i| (f64::from(i) / 40.0).to_string()))
        .collect()
}

fn grid(kind: &Kind) -> Vec<String> {
    if kind.path == "l" {
        list_grid()
    } else if kind.path == "p" || kind.path == "q" {
        share_grid()
    } else {
        kind.grid.iter().map(|s| s.to_string()).collect()
    }
}

/// A generated criterion.
#[derive(Clone, Debug)]
struct Criterion {
    mandatory: bool,
    weight: u64,
    applies: Option<String>,
    requires: Vec<String>,
    /// Levels 2 and 1, `otherwise 0`.
    score: Option<(String, String)>,
}

/// A generated framework: the evidence it declares, its themes of
/// criteria, and each theme's threshold.
#[derive(Clone, Debug)]
struct Model {
    kinds: Vec<usize>,
    themes: Vec<(Vec<Criterion>, u32)>,
}

fn atom(rng: &mut Rng, kinds: &[usize]) -> String {
    if kinds.contains(&P) && rng.chance(6) {
        return OUTSIDE[rng.next(OUTSIDE.len() as u64) as usize].to_string();
    }
    for joined in JOINED {
        if joined.kinds.iter().all(|k| kinds.contains(k)) && rng.chance(40) {
            return joined.lines[rng.next(joined.lines.len() as u64) as usize].to_string();
        }
    }
    let kind = &KINDS[kinds[rng.next(kinds.len() as u64) as usize]];
    kind.atoms[rng.next(kind.atoms.len() as u64) as usize].to_string()
}

fn condition(rng: &mut Rng, kinds: &[usize]) -> String {
    let one = atom(rng, kinds);
    match rng.next(10) {
        0 | 1 => format!("{one} and {}", atom(rng, kinds)),
        2 | 3 => format!("{one} or {}", atom(rng, kinds)),
        4 => format!("not ({one})"),
        _ => one,
    }
}

fn criterion(rng: &mut Rng, kinds: &[usize]) -> Criterion {
    let graded = rng.chance(30);
    Criterion {
        mandatory: rng.chance(40),
        weight: 1 + rng.next(2),
        applies: rng.chance(25).then(|| atom(rng, kinds)),
        requires: (0..if graded { rng.next(2) } else { 1 + rng.next(2) })
            .map(|_| condition(rng, kinds))
            .collect(),
        score: graded.then(|| (condition(rng, kinds), condition(rng, kinds))),
    }
}

fn model(rng: &mut Rng) -> Model {
    // At most four pieces of evidence, at most one list, and a grid of at
    // most a few thousand points.
    let mut kinds: Vec<usize> = Vec::new();
    // Often two kinds that lines join.
    if rng.chance(35) {
        kinds.extend(JOINED[rng.next(JOINED.len() as u64) as usize].kinds);
    }
    let wanted = 1 + rng.next(4) as usize;
    while kinds.len() < wanted {
        let k = rng.next(KINDS.len() as u64) as usize;
        if !kinds.contains(&k) {
            kinds.push(k);
        }
        let size: usize = kinds.iter().map(|k| grid(&KINDS[*k]).len()).product();
        if size > 4_000 {
            kinds.pop();
            break;
        }
    }
    kinds.sort_unstable();
    let themes = (0..1 + rng.next(3))
        .map(|_| {
            let criteria = (0..1 + rng.next(3))
                .map(|_| criterion(rng, &kinds))
                .collect();
            (criteria, [50, 60, 75, 100][rng.next(4) as usize])
        })
        .collect();
    Model { kinds, themes }
}

/// The new version: one change of the kinds framework authors make.
fn changed(rng: &mut Rng, old: &Model) -> Model {
    let mut new = old.clone();
    let t = rng.next(new.themes.len() as u64) as usize;
    let (criteria, threshold) = &mut new.themes[t];
    let c = rng.next(criteria.len() as u64) as usize;
    let criterion = &mut criteria[c];
    match rng.next(7) {
        0 => *threshold = [50, 60, 75, 100][rng.next(4) as usize],
        1 => criterion.requires.push(condition(rng, &old.kinds)),
        2 => {
            if criterion.requires.len() > 1 || criterion.score.is_some() {
                criterion.requires.pop();
            } else {
                criterion.requires = vec![condition(rng, &old.kinds)];
            }
        }
        3 => criterion.mandatory = !criterion.mandatory,
        4 => {
            criterion.applies = match criterion.applies {
                Some(_) => None,
                None => Some(atom(rng, &old.kinds)),
            }
        }
        5 => match &mut criterion.score {
            Some((two, _)) => *two = condition(rng, &old.kinds),
            None => criterion.weight = 3 - criterion.weight,
        },
        _ => {
            // A constant moved.
            let moved = JOINED.iter().flat_map(|j| j.moved.iter().copied()).chain([
                ("n >= 1", "n >= 3"),
                ("n >= 3", "n >= 1"),
                ("p >= 50%", "p >= 80%"),
                ("p >= 80%", "p >= 50%"),
                ("within 7 days", "within 1 months"),
                ("within 1 months", "within 7 days"),
                ("k == a", "k == b"),
                ("t == \"a\"", "t == \"b\""),
                (">= 2", ">= 1"),
            ]);
            let mut text = criterion.requires.join("\u{1}");
            for (from, to) in moved {
                if text.contains(from) {
                    text = text.replacen(from, to, 1);
                    break;
                }
            }
            criterion.requires = text.split('\u{1}').map(str::to_string).collect();
            criterion.requires.retain(|r| !r.is_empty());
            if criterion.requires.is_empty() && criterion.score.is_none() {
                criterion.requires.push(condition(rng, &old.kinds));
            }
        }
    }
    new
}

fn source(model: &Model, version: &str) -> String {
    let mut s = format!("framework gen \"Gen\" version \"{version}\"\nevidence {{\n");
    for k in &model.kinds {
        let kind = &KINDS[*k];
        writeln!(s, "  {} : {} \"{}\"", kind.path, kind.ty, kind.path).unwrap();
    }
    s.push_str("}\n");
    let mut n = 0;
    for (t, (criteria, _)) in model.themes.iter().enumerate() {
        writeln!(s, "theme t{t} \"T{t}\" {{").unwrap();
        for c in criteria {
            n += 1;
            write_criterion(&mut s, &format!("C{n}"), c);
        }
        s.push_str("}\n");
    }
    s.push_str("scoring {\n");
    for (t, (_, threshold)) in model.themes.iter().enumerate() {
        writeln!(
            s,
            "  theme t{t} passes when all mandatory pass and score >= {threshold}%"
        )
        .unwrap();
    }
    s.push_str("  certified when all themes pass\n}\n");
    s
}

fn write_criterion(s: &mut String, id: &str, c: &Criterion) {
    writeln!(s, "  criterion {id} \"{id}\" {{ owner school").unwrap();
    if c.mandatory {
        s.push_str("    mandatory\n");
    }
    writeln!(s, "    weight {}", c.weight).unwrap();
    if let Some(a) = &c.applies {
        writeln!(s, "    applies when {a}").unwrap();
    }
    for r in &c.requires {
        writeln!(s, "    require {r}").unwrap();
    }
    if let Some((two, one)) = &c.score {
        writeln!(
            s,
            "    score {{\n      2 when {two}\n      1 when {one}\n      0 otherwise\n    }}"
        )
        .unwrap();
    }
    s.push_str("  }\n");
}

/// An evidence document with these JSON values at these paths.
fn document(paths: &[&str], values: &[&String]) -> String {
    let fields: Vec<String> = paths
        .iter()
        .zip(values)
        .map(|(p, v)| format!("\"{p}\": {v}"))
        .collect();
    format!(
        "{{\"location\": {{\"id\": \"grid\"}}, \"as_of\": \"{AS_OF}\", \"evidence\": {{{}}}}}",
        fields.join(", ")
    )
}

/// Whether the new version passes something the old does not, and the
/// other way round, for one thing judged.
#[derive(Default, Debug, Clone, Copy, PartialEq)]
struct Seen {
    looser: bool,
    stricter: bool,
}

impl Seen {
    fn relation(self) -> Relation {
        match (self.looser, self.stricter) {
            (false, false) => Relation::Equivalent,
            (true, false) => Relation::Looser,
            (false, true) => Relation::Stricter,
            (true, true) => Relation::Incomparable,
        }
    }
}

fn criterion_passes(s: Status) -> bool {
    matches!(s, Status::Pass | Status::NotApplicable | Status::Waived)
}

/// Whether a criterion's result `a` is above `b`: passing where `b` does
/// not, or a higher level where both pass.
fn criterion_above(a: (Status, Option<u64>), b: (Status, Option<u64>)) -> bool {
    match (criterion_passes(a.0), criterion_passes(b.0)) {
        (true, false) => true,
        (true, true) => {
            matches!((a, b), ((Status::Pass, Some(x)), (Status::Pass, Some(y))) if x > y)
        }
        _ => false,
    }
}

/// Brute force: every point of the grid judged by both versions.
struct Brute {
    verdict: Seen,
    themes: Vec<(String, Seen)>,
    criteria: Vec<(String, Seen)>,
}

fn brute(model: &Model, old: &Framework, new: &Framework) -> Brute {
    let paths: Vec<&str> = model.kinds.iter().map(|k| KINDS[*k].path).collect();
    let grids: Vec<Vec<String>> = model.kinds.iter().map(|k| grid(&KINDS[*k])).collect();
    // The themes of both versions, in the new version's order.
    let themes = |f: &Framework| -> Vec<String> {
        let evidence = Evidence::from_json(f, &document(&[], &[])).unwrap();
        let decision = f.decide(&evidence, Stage::Intake);
        decision.themes().map(|t| t.id.to_string()).collect()
    };
    let in_old = themes(old);
    let theme_ids: Vec<String> = themes(new)
        .into_iter()
        .filter(|id| in_old.contains(id))
        .collect();
    let criterion_ids: Vec<String> = (1..=model.themes.iter().map(|t| t.0.len()).sum::<usize>())
        .map(|n| format!("C{n}"))
        .collect();
    let mut out = Brute {
        verdict: Seen::default(),
        themes: theme_ids
            .iter()
            .map(|id| (id.clone(), Seen::default()))
            .collect(),
        criteria: criterion_ids
            .iter()
            .map(|id| (id.clone(), Seen::default()))
            .collect(),
    };
    let mut digits = vec![0usize; grids.len()];
    loop {
        let values: Vec<&String> = digits.iter().zip(&grids).map(|(d, g)| &g[*d]).collect();
        let text = document(&paths, &values);
        let e_old = Evidence::from_json(old, &text).unwrap();
        let e_new = Evidence::from_json(new, &text).unwrap();
        let (a, b) = (
            old.decide(&e_old, Stage::Intake),
            new.decide(&e_new, Stage::Intake),
        );
        let (va, vb) = (
            a.verdict() == Verdict::Certified,
            b.verdict() == Verdict::Certified,
        );
        out.verdict.looser |= vb && !va;
        out.verdict.stricter |= va && !vb;
        for (id, seen) in &mut out.themes {
            let sa = a.themes().find(|t| t.id == id).unwrap().status == Status::Pass;
            let sb = b.themes().find(|t| t.id == id).unwrap().status == Status::Pass;
            seen.looser |= sb && !sa;
            seen.stricter |= sa && !sb;
        }
        for (id, seen) in &mut out.criteria {
            let ca = a.criterion(id).unwrap();
            let cb = b.criterion(id).unwrap();
            let (ra, rb) = ((ca.status, ca.level), (cb.status, cb.level));
            seen.looser |= criterion_above(rb, ra);
            seen.stricter |= criterion_above(ra, rb);
        }
        if !next_point(&mut digits, |i| grids[i].len()) {
            return out;
        }
    }
}

/// Moves `digits` to the next point of a grid whose axis `i` has
/// `size(i)` values; `false` after the last.
fn next_point(digits: &mut [usize], size: impl Fn(usize) -> usize) -> bool {
    for (i, digit) in digits.iter_mut().enumerate() {
        *digit += 1;
        if *digit < size(i) {
            return true;
        }
        *digit = 0;
    }
    false
}

/// What a witness claims, judged again.
fn standing(framework: &Framework, witness: &Witness, of: Option<&str>, theme: bool) -> Standing {
    let evidence = Evidence::from_json(framework, &witness.to_json())
        .unwrap_or_else(|e| panic!("a witness loads: {e}\n{}", witness.to_json()));
    let decision = framework.decide(&evidence, Stage::Intake);
    match (of, theme) {
        (None, _) => Standing::Verdict(decision.verdict()),
        (Some(id), true) => {
            Standing::Status(decision.themes().find(|t| t.id == id).unwrap().status)
        }
        (Some(id), false) => {
            let c = decision.criterion(id).unwrap();
            match c.level {
                Some(level) => Standing::Level {
                    status: c.status,
                    level,
                },
                None => Standing::Status(c.status),
            }
        }
    }
}

/// Every witness is judged as it claims, differs in the direction its
/// relation allows, and looser witnesses come first.
fn check_witnesses(
    old: &Framework,
    new: &Framework,
    finding: &Finding,
    of: Option<&str>,
    theme: bool,
) {
    let mut seen_stricter = false;
    for w in &finding.witnesses {
        assert_eq!(
            standing(old, w, of, theme),
            w.before,
            "{of:?}: {}",
            w.to_json()
        );
        assert_eq!(
            standing(new, w, of, theme),
            w.after,
            "{of:?}: {}",
            w.to_json()
        );
        let looser = match (w.before, w.after) {
            (Standing::Verdict(a), Standing::Verdict(b)) => {
                assert_ne!(a == Verdict::Certified, b == Verdict::Certified);
                b == Verdict::Certified
            }
            (Standing::Status(a), Standing::Status(b)) if theme => {
                assert_ne!(a == Status::Pass, b == Status::Pass);
                b == Status::Pass
            }
            (a, b) => {
                let result = |s: Standing| match s {
                    Standing::Status(s) => (s, None),
                    Standing::Level { status, level } => (status, Some(level)),
                    Standing::Verdict(_) => panic!("a criterion's witness shows a verdict"),
                };
                let (a, b) = (result(a), result(b));
                assert!(
                    criterion_above(b, a) || criterion_above(a, b),
                    "{a:?} {b:?}"
                );
                criterion_above(b, a)
            }
        };
        assert!(!(looser && seen_stricter), "looser witnesses come first");
        seen_stricter |= !looser;
        match &finding.relation {
            Relation::Looser => assert!(looser),
            Relation::Stricter => assert!(!looser),
            Relation::Incomparable | Relation::Undecided { .. } => {}
            Relation::Equivalent => panic!("an equivalent relation has no witness"),
        }
    }
    if matches!(
        finding.relation,
        Relation::Looser | Relation::Stricter | Relation::Incomparable
    ) {
        assert!(
            !finding.witnesses.is_empty(),
            "{of:?}: {:?} without a witness",
            finding.relation
        );
    }
}

/// The analysis's relation equals brute force's, unless undecided, which
/// only a condition outside the fragment may cause.
fn agrees(what: &str, analysis: &Relation, brute: Seen, outside: bool, source: &str) {
    match analysis {
        Relation::Undecided { because } => {
            assert!(
                outside,
                "{what}: undecided ({because:?}) without a reason\n{source}"
            );
        }
        relation => assert_eq!(relation, &brute.relation(), "{what}\n{source}"),
    }
}

/// The analysis of `old` (from `sources[0]`, generated from `model`) and
/// `new` (from `sources[1]`) against brute force.
fn check(
    comparison: &Comparison,
    model: &Model,
    sources: [&str; 2],
    old: &Framework,
    new: &Framework,
) {
    let brute = brute(model, old, new);
    let [source_old, source_new] = sources;
    let both = format!("OLD:\n{source_old}\nNEW:\n{source_new}");
    let outside = OUTSIDE
        .iter()
        .any(|o| source_old.contains(o) || source_new.contains(o));
    agrees(
        "verdict",
        &comparison.verdict.relation,
        brute.verdict,
        outside,
        &both,
    );
    check_witnesses(old, new, &comparison.verdict, None, false);
    for (kind, items, seen) in [
        ("theme", &comparison.themes, &brute.themes),
        ("criterion", &comparison.criteria, &brute.criteria),
    ] {
        assert_eq!(items.len(), seen.len());
        for (item, (id, seen)) in items.iter().zip(seen) {
            assert_eq!(&item.id, id);
            let what = format!("{kind} {id}");
            agrees(&what, &item.finding.relation, *seen, outside, &both);
            check_witnesses(old, new, &item.finding, Some(id), kind == "theme");
        }
    }
}

/// Brute force over the grids of two kinds that lines join is exact:
/// every combination of answers that their atoms, their lines and the
/// lines' moved forms give on a grid ten times as wide (or, for
/// percentages, five times as fine), they give on the grids.
#[test]
fn the_grids_of_joined_kinds_reach_every_combination_of_answers() {
    for joined in JOINED {
        let [x, y] = joined.kinds.map(|k| &KINDS[k]);
        let atoms: Vec<&str> = x
            .atoms
            .iter()
            .chain(y.atoms)
            .chain(joined.lines)
            .copied()
            .chain(joined.moved.iter().map(|(_, to)| *to))
            .chain(["m >= 1", "m >= 3"].into_iter().filter(|_| y.path == "m"))
            .collect();
        let mut source = format!(
            "framework g \"G\" version \"1\"\nevidence {{ {} : {} \"x\"  {} : {} \"y\" }}\ntheme t \"T\" {{\n",
            x.path, x.ty, y.path, y.ty
        );
        for (i, a) in atoms.iter().enumerate() {
            writeln!(
                source,
                "  criterion A{i} \"A{i}\" {{ owner school require {a} }}"
            )
            .unwrap();
        }
        source.push_str("}\n");
        let framework = compile(&source);
        let answers = |xs: &[String], ys: &[String]| {
            let mut seen = std::collections::BTreeSet::new();
            for a in xs {
                for b in ys {
                    let text = document(&[x.path, y.path], &[a, b]);
                    let evidence = Evidence::from_json(&framework, &text).unwrap();
                    let decision = framework.decide(&evidence, Stage::Intake);
                    let statuses: Vec<bool> = (0..atoms.len())
                        .map(|i| {
                            decision.criterion(&format!("A{i}")).unwrap().status == Status::Pass
                        })
                        .collect();
                    seen.insert(statuses);
                }
            }
            seen
        };
        let values = |kind: &Kind| -> Vec<String> {
            grid(kind).into_iter().filter(|v| v != "null").collect()
        };
        let wide = |kind: &Kind| -> Vec<String> {
            if kind.ty == "percent" {
                return (0..=200)
                    .map(|i| (f64::from(i) / 200.0).to_string())
                    .collect();
            }
            let grid: Vec<i64> = values(kind).iter().map(|v| v.parse().unwrap()).collect();
            (grid[0] * 10..=grid[grid.len() - 1] * 10)
                .map(|v| v.to_string())
                .collect()
        };
        let on_grid = answers(&values(x), &values(y));
        let far = answers(&wide(x), &wide(y));
        assert!(far.len() > 40, "{}", far.len());
        assert_eq!(on_grid, far, "{} and {}", x.path, y.path);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    /// On generated frameworks of at most four pieces of evidence and a
    /// generated change, every relation the analysis gives (the verdict,
    /// each theme, each criterion) is the relation brute force finds over
    /// a grid that covers every region, and every witness is judged as it
    /// claims.
    #[test]
    fn the_analysis_equals_brute_force(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let model_old = model(&mut rng);
        let model_new = changed(&mut rng, &model_old);
        let (source_old, source_new) = (source(&model_old, "1"), source(&model_new, "2"));
        let (old, new) = (compile(&source_old), compile(&source_new));
        let comparison = analysis::compare(&old, &new, as_of());
        check(&comparison, &model_old, [&source_old, &source_new], &old, &new);
        // And a version against itself: equivalent throughout.
        let same = analysis::compare(&old, &old, as_of());
        prop_assert_eq!(&same.verdict.relation, &Relation::Equivalent);
        for item in same.themes.iter().chain(&same.criteria) {
            prop_assert_eq!(&item.finding.relation, &Relation::Equivalent, "{}", item.id);
        }
    }

    /// The same for a generated layer over a generated framework: the base
    /// themes' rules in the layer keep the base's as floors, and the
    /// analysis counts them as evaluation does.
    #[test]
    fn the_analysis_equals_brute_force_on_layers(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let base = model(&mut rng);
        let layer_source = layer(&mut rng, &base);
        let base_source = source(&base, "1");
        let old = compile(&base_source);
        let resolver = kader::MemoryResolver::new().with("gen", "gen.kader", &base_source);
        let new = match Framework::compile_with(&layer_source, "lokaal.kader", &resolver) {
            Ok(f) => f,
            Err(d) => panic!("{}\n{layer_source}\n{base_source}", d.render("lokaal.kader", &layer_source, false)),
        };
        let comparison = analysis::compare(&old, &new, as_of());
        check(&comparison, &base, [&base_source, &layer_source], &old, &new);
        // A layer never loosens its base.
        prop_assert!(!matches!(comparison.verdict.relation, Relation::Looser | Relation::Incomparable));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, failure_persistence: None, ..ProptestConfig::default() })]

    /// Frameworks over two kinds alone (`n` and `m`, or `p` and `q`), with
    /// lines between them, and a change to a line (a coefficient or
    /// constant moved, a line swapped for another condition): decided
    /// exactly, equal to brute force.
    #[test]
    fn lines_between_two_pieces_of_evidence_equal_brute_force(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let joined = &JOINED[rng.next(JOINED.len() as u64) as usize];
        let kinds = joined.kinds.to_vec();
        let themes = (0..1 + rng.next(2))
            .map(|_| {
                let criteria = (0..1 + rng.next(2)).map(|_| criterion(&mut rng, &kinds)).collect();
                (criteria, [50, 100][rng.next(2) as usize])
            })
            .collect();
        let model_old = Model { kinds, themes };
        let mut model_new = model_old.clone();
        let t = rng.next(model_new.themes.len() as u64) as usize;
        let criteria = &mut model_new.themes[t].0;
        let c = rng.next(criteria.len() as u64) as usize;
        let requires = &mut criteria[c].requires;
        let text = requires.join("\u{1}");
        let moved = joined.moved.iter().find(|(from, _)| text.contains(from));
        match moved {
            Some((from, to)) if rng.chance(70) => {
                *requires = text.replacen(from, to, 1).split('\u{1}').map(str::to_string).collect();
            }
            _ if requires.is_empty() => requires.push(condition(&mut rng, &model_old.kinds)),
            _ => {
                let r = rng.next(requires.len() as u64) as usize;
                requires[r] = condition(&mut rng, &model_old.kinds);
            }
        }
        let (source_old, source_new) = (source(&model_old, "1"), source(&model_new, "2"));
        let (old, new) = (compile(&source_old), compile(&source_new));
        let comparison = analysis::compare(&old, &new, as_of());
        check(&comparison, &model_old, [&source_old, &source_new], &old, &new);
    }
}

/// A layer over a generated framework: tightened criteria, criteria added
/// to its themes, a new theme, stricter theme rules (which keep the base's
/// as floors).
fn layer(rng: &mut Rng, base: &Model) -> String {
    let mut s =
        String::from("framework lokaal \"Lokaal\" version \"1\"\nextends gen version \"1\"\n");
    let total: usize = base.themes.iter().map(|t| t.0.len()).sum();
    for n in 1..=total {
        if rng.chance(40) {
            let mut body = String::new();
            if rng.chance(60) {
                writeln!(body, "  require {}", condition(rng, &base.kinds)).unwrap();
            }
            if rng.chance(30) {
                body.push_str("  mandatory\n");
            }
            if rng.chance(30) {
                body.push_str("  weight 3\n");
            }
            if !body.is_empty() {
                writeln!(s, "tighten C{n} {{\n{body}}}").unwrap();
            }
        }
    }
    for t in 0..base.themes.len() {
        if rng.chance(40) {
            writeln!(s, "theme t{t} {{").unwrap();
            write_criterion(&mut s, &format!("L{t}"), &criterion(rng, &base.kinds));
            s.push_str("}\n");
        }
    }
    if rng.chance(30) {
        let c = criterion(rng, &base.kinds);
        s.push_str("theme extra \"Extra\" {\n");
        write_criterion(&mut s, "LX", &c);
        s.push_str("}\n");
    }
    s.push_str("scoring {\n");
    for (t, (_, threshold)) in base.themes.iter().enumerate() {
        if rng.chance(50) {
            let higher = [50, 60, 75, 100]
                .into_iter()
                .filter(|x| x >= threshold)
                .nth(rng.next(2) as usize)
                .unwrap_or(*threshold);
            writeln!(
                s,
                "  theme t{t} passes when all mandatory pass and score >= {higher}%"
            )
            .unwrap();
        }
    }
    s.push_str("}\n");
    s
}

/// The basiskader against a copy with one threshold raised: the theme
/// with it and the verdict are stricter, every other theme and every
/// other criterion equivalent, with witnesses that `decide` confirms.
#[test]
fn a_raised_threshold_in_the_basiskader_is_stricter() {
    let old = basiskader();
    let new = compile(&basiskader_source().replace(
        "require monitor.response_rate >= 70%\n",
        "require monitor.response_rate >= 80%\n",
    ));
    let comparison = analysis::compare(old, &new, as_of());
    assert_eq!(comparison.verdict.relation, Relation::Stricter);
    check_witnesses(old, &new, &comparison.verdict, None, false);
    // Only the theme and the criterion of the threshold changed.
    for (kind, items, changed) in [
        ("theme", &comparison.themes, "sociaal"),
        ("criterion", &comparison.criteria, "S4"),
    ] {
        for item in items {
            let expected = if item.id == changed {
                Relation::Stricter
            } else {
                Relation::Equivalent
            };
            assert_eq!(item.finding.relation, expected, "{}", item.id);
            check_witnesses(old, &new, &item.finding, Some(&item.id), kind == "theme");
        }
    }
    // A witness of the verdict is a compliant school but for its response,
    // between the old threshold and the new: certified before, not after.
    let witness = comparison
        .verdict
        .witnesses
        .iter()
        .find(|w| w.after == Standing::Verdict(Verdict::NotCertified))
        .unwrap();
    assert_eq!(witness.before, Standing::Verdict(Verdict::Certified));
    let response = &witness.evidence["evidence"]["monitor"]["response_rate"];
    assert!(
        response == "70%" || response == "75%",
        "{}",
        witness.to_json()
    );
    // The old version against itself: equivalent throughout, no witness.
    let same = analysis::compare(old, old, as_of());
    assert_eq!(same.verdict.relation, Relation::Equivalent);
    assert!(same
        .themes
        .iter()
        .chain(&same.criteria)
        .all(|i| i.finding.relation == Relation::Equivalent && i.finding.witnesses.is_empty()));
}

/// The Voorbeeldstad layer against its base: never looser (a layer never
/// loosens its base), and stricter where it adds or tightens, the base's
/// rule counted through the layer's floors.
#[test]
fn the_voorbeeldstad_layer_is_never_looser_than_the_basiskader() {
    let root = crate::common::root();
    let resolver = kader::DirResolver::new(&root.join("frameworks")).unwrap();
    let source =
        std::fs::read_to_string(root.join("frameworks/lokaal/voorbeeldstad.kader")).unwrap();
    let layer = Framework::compile_with(&source, "voorbeeldstad.kader", &resolver).unwrap();
    let comparison = analysis::compare(basiskader(), &layer, as_of());
    eprintln!("{}", comparison.to_json());
    assert_eq!(comparison.verdict.relation, Relation::Stricter);
    check_witnesses(basiskader(), &layer, &comparison.verdict, None, false);
    for item in comparison.themes.iter().chain(&comparison.criteria) {
        assert!(
            matches!(
                item.finding.relation,
                Relation::Equivalent | Relation::Stricter
            ),
            "{}: {:?}",
            item.id,
            item.finding.relation
        );
    }
}

/// Evidence that ties every criterion to the next, with many constants
/// each, makes more combinations than the analysis tries: it answers
/// undecided for what it cannot finish, quickly, and exactly for the rest.
#[test]
fn a_framework_too_large_to_enumerate_is_undecided_not_slow() {
    let framework = |raised: u32| {
        let mut s = String::from("framework big \"Big\" version \"1\"\nevidence {\n");
        for i in 0..24 {
            writeln!(s, "  x{i} : int \"x{i}\"").unwrap();
        }
        s.push_str("}\ntheme t \"T\" {\n");
        for i in 0..23 {
            let k = i % 7;
            let at_least = if i == 5 { k + raised } else { k };
            writeln!(
                s,
                "  criterion C{i} \"C{i}\" {{ owner school\n    require x{i} >= {at_least} and x{i} != {} and x{} < {} or x{i} == 40\n  }}",
                k + 3,
                i + 1,
                k + 5
            )
            .unwrap();
        }
        s.push_str("}\n");
        compile(&s)
    };
    let comparison = analysis::compare(&framework(0), &framework(1), as_of());
    let too_many = |r: &Relation| matches!(r, Relation::Undecided { because } if matches!(because[..], [analysis::Because::TooMany { .. }]));
    assert!(
        too_many(&comparison.verdict.relation),
        "{:?}",
        comparison.verdict.relation
    );
    assert!(too_many(&comparison.themes[0].finding.relation));
    let c5 = comparison.criteria.iter().find(|c| c.id == "C5").unwrap();
    assert_eq!(c5.finding.relation, Relation::Stricter);
}

/// Whether two points that differ only in evidence `at` are judged
/// differently, for the verdict or whether a theme passes: brute force
/// over the grid of every piece of evidence the location did not supply
/// (`free`), the rest as `known`.
fn brute_decisive(
    framework: &Framework,
    paths: &[&str],
    known: &[Option<String>],
    grids: &[Vec<String>],
    at: usize,
) -> bool {
    let free: Vec<usize> = (0..paths.len()).filter(|i| known[*i].is_none()).collect();
    let mut seen: std::collections::HashMap<Vec<usize>, Vec<bool>> = Default::default();
    let mut digits = vec![0usize; free.len()];
    loop {
        let values: Vec<String> = (0..paths.len())
            .map(|i| match (&known[i], free.iter().position(|f| *f == i)) {
                (Some(v), _) => v.clone(),
                (None, Some(j)) => grids[i][digits[j]].clone(),
                (None, None) => unreachable!(),
            })
            .collect();
        let refs: Vec<&String> = values.iter().collect();
        let evidence = Evidence::from_json(framework, &document(paths, &refs)).unwrap();
        let decision = framework.decide(&evidence, Stage::Intake);
        let mut result = vec![decision.verdict() == Verdict::Certified];
        result.extend(decision.themes().map(|t| t.status == Status::Pass));
        let mut rest = digits.clone();
        if let Some(j) = free.iter().position(|f| *f == at) {
            rest[j] = usize::MAX;
        }
        if let Some(other) = seen.get(&rest) {
            if *other != result {
                return true;
            }
        } else {
            seen.insert(rest, result);
        }
        if !next_point(&mut digits, |i| grids[free[i]].len()) {
            return false;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    /// At the intake, a piece of evidence still to supply is marked
    /// decisive exactly when brute force finds two values of it (with the
    /// same values for the rest of what is missing) that judge the verdict
    /// or a theme differently. Where the framework has a condition outside
    /// the analysis's fragment, it may say decisive when brute force does
    /// not, never the other way round.
    #[test]
    fn decisive_evidence_equals_brute_force(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let model = model(&mut rng);
        let text = source(&model, "1");
        let framework = compile(&text);
        let outside = OUTSIDE.iter().any(|o| text.contains(o));
        let paths: Vec<&str> = model.kinds.iter().map(|k| KINDS[*k].path).collect();
        let grids: Vec<Vec<String>> = model.kinds.iter().map(|k| grid(&KINDS[*k])).collect();
        // Some evidence supplied (from the grid), the rest missing.
        let known: Vec<Option<String>> = grids
            .iter()
            .map(|g| {
                let v = &g[rng.next(g.len() as u64) as usize];
                (rng.chance(50) && v != "null").then(|| v.clone())
            })
            .collect();
        let values: Vec<String> = known.iter().map(|k| k.clone().unwrap_or_else(|| "null".into())).collect();
        let refs: Vec<&String> = values.iter().collect();
        let evidence = Evidence::from_json(&framework, &document(&paths, &refs)).unwrap();
        let assessment = framework.decide(&evidence, Stage::Intake).explain();
        // A line with one end supplied and the other missing is answered
        // conservatively too (docs/analysis.md, section 7).
        let supplied = |kind: usize| {
            model.kinds.iter().position(|k| *k == kind).map(|i| known[i].is_some())
        };
        let half_known_line = JOINED.iter().any(|j| {
            let lined = j.lines.iter().chain(j.moved.iter().map(|(_, to)| to)).any(|l| text.contains(l));
            lined && matches!(
                (supplied(j.kinds[0]), supplied(j.kinds[1])),
                (Some(true), Some(false)) | (Some(false), Some(true))
            )
        });
        let outside = outside || half_known_line;
        for item in &assessment.to_supply {
            let at = paths.iter().position(|p| *p == item.path).unwrap();
            let brute = brute_decisive(&framework, &paths, &known, &grids, at);
            if outside {
                prop_assert!(item.decisive || !brute, "{} brute {brute}\n{text}\n{values:?}", item.path);
            } else {
                prop_assert_eq!(item.decisive, brute, "{}\n{}\n{:?}", item.path, text, values);
            }
        }
        // The decisive first.
        let flags: Vec<bool> = assessment.to_supply.iter().map(|t| t.decisive).collect();
        let mut sorted = flags.clone();
        sorted.sort_by_key(|d| !d);
        prop_assert_eq!(flags, sorted);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    /// The analysis lints of `kader check` say what brute force over a
    /// grid that covers every region finds: a criterion that never passes
    /// where it applies (W0269), one that passes wherever it applies with
    /// its evidence supplied (W0270), a theme that never passes (W0273).
    /// A lint is never wrong; without conditions outside the fragment,
    /// none is missing either.
    #[test]
    fn the_lints_equal_brute_force(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let model = model(&mut rng);
        let text = source(&model, "1");
        let framework = compile(&text);
        let outside = OUTSIDE.iter().any(|o| text.contains(o));
        let lints = kader::analysis::lint(&framework, as_of(), framework.warnings());
        let said = |code: &str, id: &str| {
            lints.iter().any(|d| d.code == code && text.get(d.span.start..d.span.end) == Some(id))
        };
        let paths: Vec<&str> = model.kinds.iter().map(|k| KINDS[*k].path).collect();
        let grids: Vec<Vec<String>> = model.kinds.iter().map(|k| grid(&KINDS[*k])).collect();
        let criteria: Vec<String> = (1..=model.themes.iter().map(|t| t.0.len()).sum::<usize>())
            .map(|n| format!("C{n}"))
            .collect();
        let themes: Vec<String> = (0..model.themes.len()).map(|t| format!("t{t}")).collect();
        // Per criterion: passes somewhere, applies somewhere, passes
        // wherever it applies with everything supplied; per theme: passes.
        let mut passes = vec![false; criteria.len()];
        let mut applies = vec![false; criteria.len()];
        let mut always = vec![true; criteria.len()];
        let mut supplied_applies = vec![false; criteria.len()];
        let mut theme_passes = vec![false; themes.len()];
        let mut digits = vec![0usize; grids.len()];
        loop {
            let values: Vec<&String> = digits.iter().zip(&grids).map(|(d, g)| &g[*d]).collect();
            let all_supplied = values.iter().all(|v| v.as_str() != "null");
            let evidence = Evidence::from_json(&framework, &document(&paths, &values)).unwrap();
            let decision = framework.decide(&evidence, Stage::Intake);
            for (i, id) in criteria.iter().enumerate() {
                let status = decision.criterion(id).unwrap().status;
                passes[i] |= status == Status::Pass;
                applies[i] |= status != Status::NotApplicable;
                if all_supplied && status != Status::NotApplicable {
                    supplied_applies[i] = true;
                    always[i] &= status == Status::Pass;
                }
            }
            for (t, id) in themes.iter().enumerate() {
                theme_passes[t] |= decision.themes().find(|x| x.id == id).unwrap().status == Status::Pass;
            }
            if !next_point(&mut digits, |i| grids[i].len()) {
                break;
            }
        }
        for (i, id) in criteria.iter().enumerate() {
            let never = !passes[i] && applies[i];
            let always = passes[i] && always[i] && supplied_applies[i];
            prop_assert!(!said("W0269", id) || never, "W0269 on {id}\n{text}");
            prop_assert!(!said("W0270", id) || always, "W0270 on {id}\n{text}");
            if !outside {
                prop_assert_eq!(said("W0269", id), never, "W0269 on {}\n{}", id, text);
            }
        }
        for (t, id) in themes.iter().enumerate() {
            prop_assert!(!said("W0273", id) || !theme_passes[t], "W0273 on {id}\n{text}");
            if !outside {
                prop_assert_eq!(said("W0273", id), !theme_passes[t], "W0273 on {}\n{}", id, text);
            }
        }
    }
}

/// C1 of the basiskader compares two pieces of evidence, `bhv.trained *
/// 50 >= people.max_present`. With one BHV'er per 40 people and at least
/// 3, it is stricter, decided exactly (not undecided), with a school
/// between the two lines as its witness; with one per 60 and at least 1,
/// looser; with one per 40 and at least 1, incomparable.
#[test]
fn a_line_between_two_pieces_of_evidence_is_decided_exactly() {
    let old = basiskader();
    let changed = |per: &str, least: &str| {
        compile(
            &basiskader_source()
                .replace(
                    "require bhv.trained >= 2\n",
                    &format!("require bhv.trained >= {least}\n"),
                )
                .replace("bhv.trained * 50 >=", &format!("bhv.trained * {per} >=")),
        )
    };
    for (new, relation) in [
        (changed("40", "3"), Relation::Stricter),
        (changed("60", "1"), Relation::Looser),
        (changed("40", "1"), Relation::Incomparable),
    ] {
        let comparison = analysis::compare(old, &new, as_of());
        let expected = |id: &str, changed: &str| {
            if id == changed {
                relation.clone()
            } else {
                Relation::Equivalent
            }
        };
        for (kind, items, changed) in [
            ("theme", &comparison.themes, "calamiteiten"),
            ("criterion", &comparison.criteria, "C1"),
        ] {
            for item in items {
                assert_eq!(
                    item.finding.relation,
                    expected(&item.id, changed),
                    "{}",
                    item.id
                );
                check_witnesses(old, &new, &item.finding, Some(&item.id), kind == "theme");
            }
        }
        if relation != Relation::Incomparable {
            assert_eq!(comparison.verdict.relation, relation);
        }
        check_witnesses(old, &new, &comparison.verdict, None, false);
        let c1 = comparison.criteria.iter().find(|c| c.id == "C1").unwrap();
        assert!(!c1.finding.witnesses.is_empty());
        for w in &c1.finding.witnesses {
            // Only the values that matter differ from a compliant school.

            assert!(
                w.differs
                    .iter()
                    .all(|p| p == "bhv.trained" || p == "people.max_present"),
                "{:?}",
                w.differs
            );
        }
    }
}

/// A piece of evidence that lines join to two others is outside the
/// fragment: a changed criterion with those lines is undecided, naming the
/// condition, while one whose line joins only two is decided.
#[test]
fn evidence_joined_to_two_others_is_undecided_and_named() {
    let framework = |least: u32| {
        compile(&format!(
            "framework j \"J\" version \"1\"\nevidence {{ a : int \"a\"  b : int \"b\"  c : int \"c\"  x : int \"x\"  y : int \"y\" }}\ntheme t \"T\" {{\n  criterion C1 \"C1\" {{ owner school require a >= b + {least} require a <= c }}\n  criterion C2 \"C2\" {{ owner school require 2 * x >= y + {least} }}\n}}\n"
        ))
    };
    let comparison = analysis::compare(&framework(0), &framework(1), as_of());
    let relation = |id: &str| {
        &comparison
            .criteria
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .finding
            .relation
    };
    // Both versions' conditions, the old one's first.
    let named = |condition: &str| analysis::Because::Condition {
        criterion: "C1".into(),
        condition: condition.into(),
    };
    assert_eq!(
        relation("C1"),
        &Relation::Undecided {
            because: vec![named("a >= b + 0"), named("a <= c"), named("a >= b + 1")]
        }
    );
    assert_eq!(relation("C2"), &Relation::Stricter);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    /// Over a span of as-of dates, the analysis answers for every date of
    /// it: the same relation as analysing each day on its own and joining
    /// the answers (looser if some day is, and so on). The span crosses
    /// the ends of February and March, where month windows clamp, and
    /// the generator's date constant.
    #[test]
    fn a_span_of_dates_equals_every_day_on_its_own(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let model_old = model(&mut rng);
        let model_new = changed(&mut rng, &model_old);
        let (old, new) = (compile(&source(&model_old, "1")), compile(&source(&model_new, "2")));
        let from = kader::parse_date("2026-02-20").unwrap();
        let to = kader::parse_date("2026-04-05").unwrap();
        let span = analysis::compare_between(&old, &new, from, to);
        // Every day on its own, joined.
        let mut days = Vec::new();
        let mut day = from;
        while day <= to {
            days.push(analysis::compare(&old, &new, day));
            day = day.tomorrow().unwrap();
        }
        let joined = |pick: &dyn Fn(&Comparison) -> &Relation| -> Option<Relation> {
            let (mut looser, mut stricter) = (false, false);
            for c in &days {
                match pick(c) {
                    Relation::Equivalent => {}
                    Relation::Looser => looser = true,
                    Relation::Stricter => stricter = true,
                    Relation::Incomparable => (looser, stricter) = (true, true),
                    Relation::Undecided { .. } => return None,
                }
            }
            Some(Seen { looser, stricter }.relation())
        };
        if let Some(expected) = joined(&|c| &c.verdict.relation) {
            prop_assert_eq!(&span.verdict.relation, &expected, "verdict");
        }
        for (i, item) in span.themes.iter().enumerate() {
            if let Some(expected) = joined(&|c| &c.themes[i].finding.relation) {
                prop_assert_eq!(&item.finding.relation, &expected, "theme {}", item.id);
            }
        }
        for (i, item) in span.criteria.iter().enumerate() {
            if let Some(expected) = joined(&|c| &c.criteria[i].finding.relation) {
                prop_assert_eq!(&item.finding.relation, &expected, "criterion {}", item.id);
            }
        }
        // Each witness carries the date it was found on, and is judged so.
        for w in &span.verdict.witnesses {
            let on = w.evidence["as_of"].as_str().unwrap();
            prop_assert!(("2026-02-20"..="2026-04-05").contains(&on), "{on}");
        }
    }
}

/// Changes whose answer depends on the as-of date (a month against 30
/// days, a window against a fixed date): over a span, the analysis gives
/// what each day on its own gives, joined, though the days differ.
#[test]
fn a_span_of_dates_joins_days_that_answer_differently() {
    let framework = |condition: &str, version: &str| {
        compile(&format!(
            "framework gen \"Gen\" version \"{version}\"\n\
             evidence {{\n  d : date \"d\"\n}}\n\
             theme t0 \"T0\" {{\n  criterion C1 \"C1\" {{ owner school\n    require {condition}\n  }}\n}}\n\
             scoring {{\n  theme t0 passes when score >= 50%\n  certified when all themes pass\n}}\n"
        ))
    };
    let pairs = [
        ("d within 1 months", "d within 30 days"),
        ("d within 7 days", "d after 2026-03-10"),
        ("d within 2 months", "d within 61 days"),
    ];
    let from = kader::parse_date("2026-01-25").unwrap();
    let to = kader::parse_date("2026-04-05").unwrap();
    for (a, b) in pairs {
        let (old, new) = (framework(a, "1"), framework(b, "2"));
        let mut seen = Seen::default();
        let mut kinds = std::collections::BTreeSet::new();
        let mut day = from;
        while day <= to {
            let relation = analysis::compare(&old, &new, day).verdict.relation;
            kinds.insert(relation.as_str());
            match relation {
                Relation::Looser => seen.looser = true,
                Relation::Stricter => seen.stricter = true,
                Relation::Incomparable => (seen.looser, seen.stricter) = (true, true),
                Relation::Equivalent => {}
                Relation::Undecided { .. } => panic!("{a} → {b} undecided on {day}"),
            }
            day = day.tomorrow().unwrap();
        }
        assert!(kinds.len() > 1, "{a} → {b}: every day answers {kinds:?}");
        let span = analysis::compare_between(&old, &new, from, to);
        assert_eq!(span.verdict.relation, seen.relation(), "{a} → {b}");
    }
}
