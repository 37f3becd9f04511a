//! Synthetic evidence: plausible sample locations derived from a
//! framework's own declarations, to try a framework change on more than the
//! hand-written samples.
//!
//! The generator reads every condition of the framework once and notes, for
//! each piece of evidence, the constants it is compared with, the `within`
//! windows it must fall in, the sets it must be in and the counts its list
//! must reach, and whether meeting them helps a location (a requirement or a
//! score level) or only decides applicability. Each location then gets, for
//! each piece of evidence, a value that meets what it is asked ("good"), one
//! that does not ("bad"), one right on an edge (just below, at and just above
//! each constant; on, one day inside and one day outside each window), or
//! nothing. How often each happens depends on the location's profile:
//! exemplary, typical, weak or sparse, so that the corpus has certified,
//! failing and undecided locations, complete and partial evidence.
//!
//! ```
//! use kader::generate::{self, Options};
//! use kader::{Evidence, Framework};
//!
//! let framework = Framework::compile(r#"
//!     framework demo "Demo" version "1"
//!     evidence { monitor.response_rate : percent "Respons" }
//!     theme t "Thema" {
//!       criterion S4 "Respons" { owner school require monitor.response_rate >= 70% }
//!     }
//! "#)?;
//! let locations = generate::generate(&framework, &Options { count: 3, seed: 7, as_of: None });
//! assert_eq!(locations[0].id(), "gen-000001");
//! for location in &locations {
//!     let evidence = Evidence::from_json(&framework, &location.to_json())?;
//!     assert!(evidence.warnings().is_empty());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **The same seed gives the same locations** on every run and machine: the
//! random numbers come from SplitMix64 seeded with the seed and the
//! location's number, and nothing depends on hash order or floating point.

use jiff::civil::Date;
use jiff::ToSpan;
use rust_decimal::Decimal;
use serde_json::{Map, Value as Json};

use crate::compile::{ExprId, Framework, Op, Reads, Test};
use crate::evidence::{insert, number_json, value_json};
use crate::syntax::ast::{ArithOp, CompareOp, Period};
use crate::value::{self, Type, Value};

/// What to generate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// How many locations.
    pub count: usize,
    /// The seed: the same seed gives the same locations.
    pub seed: u64,
    /// Give every location this as-of date; by default each gets one of a
    /// few dates, month ends and a leap day among them.
    pub as_of: Option<Date>,
}

/// One generated location's evidence document.
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratedLocation {
    id: String,
    document: Json,
}

impl GeneratedLocation {
    /// The location id, such as `gen-000001`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The evidence file, pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.document).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The evidence document on one line, for a JSON Lines file.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(&self.document).unwrap_or_default()
    }
}

/// Generates `options.count` locations, numbered from 1.
pub fn generate(framework: &Framework, options: &Options) -> Vec<GeneratedLocation> {
    let generator = Generator::new(framework, options.seed).with_as_of(options.as_of);
    (1..=options.count as u64)
        .map(|n| generator.location(n))
        .collect()
}

/// Generates locations one at a time; location `n` is the same whatever
/// else is generated.
#[derive(Clone, Debug)]
pub struct Generator<'a> {
    framework: &'a Framework,
    plan: Plan,
    seed: u64,
    as_of: Option<Date>,
}

impl<'a> Generator<'a> {
    /// Reads the framework's conditions once.
    pub fn new(framework: &'a Framework, seed: u64) -> Generator<'a> {
        Generator {
            framework,
            plan: Plan::of(framework),
            seed,
            as_of: None,
        }
    }

    /// Gives every location this as-of date (`None`: vary it).
    pub fn with_as_of(mut self, as_of: Option<Date>) -> Generator<'a> {
        self.as_of = as_of;
        self
    }

    /// Location number `n` (its id is `gen-` and `n` in six digits).
    pub fn location(&self, n: u64) -> GeneratedLocation {
        let mut rng = Rng::new(self.seed ^ n.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let as_of = match self.as_of {
            Some(d) => d,
            None => pick(&mut rng, &AS_OF_DATES)
                .and_then(|(y, m, d)| Date::new(*y, *m, *d).ok())
                .unwrap_or_default(),
        };
        let profile = pick_weighted(&mut rng, &PROFILES);
        let mut values: Vec<Option<Generated>> = vec![None; self.framework.slots.len()];
        let mut nulls: Vec<bool> = vec![false; self.framework.slots.len()];
        let mut cx = Context {
            framework: self.framework,
            plan: &self.plan,
            as_of,
            rng,
        };
        for (slot, plan) in self.plan.slots.iter().enumerate() {
            if plan.derived {
                continue;
            }
            match cx.mode(profile) {
                None => set(&mut nulls, slot, cx.rng.chance(200)),
                Some(mode) => {
                    let v = cx.independent(slot, mode);
                    set(&mut values, slot, v);
                }
            }
        }
        for derived in &self.plan.derived {
            let slot = derived.slot as usize;
            match cx.mode(profile) {
                None => set(&mut nulls, slot, cx.rng.chance(200)),
                Some(mode) => {
                    let v = cx.derived(derived, &values, mode);
                    set(&mut values, slot, v);
                }
            }
        }
        let mut evidence = Map::new();
        for (slot, (v, null)) in self.framework.slots.iter().zip(values.iter().zip(&nulls)) {
            let json = match v {
                Some(v) => to_json(v, &slot.ty, &mut cx.rng),
                None if *null => Json::Null,
                None => continue,
            };
            insert(&mut evidence, &slot.path, json);
        }
        let id = format!("gen-{n:06}");
        let mut location = Map::new();
        location.insert("id".into(), Json::String(id.clone()));
        location.insert(
            "name".into(),
            Json::String(format!(
                "Generated location {n} ({} evidence)",
                profile.name
            )),
        );
        let mut document = Map::new();
        document.insert("location".into(), Json::Object(location));
        document.insert("as_of".into(), Json::String(as_of.to_string()));
        document.insert("evidence".into(), Json::Object(evidence));
        GeneratedLocation {
            id,
            document: Json::Object(document),
        }
    }
}

fn set<T>(items: &mut [T], i: usize, value: T) {
    if let Some(cell) = items.get_mut(i) {
        *cell = value;
    }
}

/// As-of dates to vary over: ordinary days, month ends that clamp windows,
/// and a leap day.
const AS_OF_DATES: [(i16, i8, i8); 6] = [
    (2026, 11, 30),
    (2026, 12, 15),
    (2027, 1, 31),
    (2027, 3, 31),
    (2027, 6, 30),
    (2028, 2, 29),
];

/// How a location's evidence tends to look. Probabilities are per mille.
#[derive(Clone, Copy, Debug)]
struct Profile {
    name: &'static str,
    weight: u64,
    missing: u64,
    edge: u64,
    bad: u64,
}

const PROFILES: [Profile; 4] = [
    Profile {
        name: "exemplary",
        weight: 35,
        missing: 0,
        edge: 30,
        bad: 0,
    },
    TYPICAL,
    Profile {
        name: "weak",
        weight: 15,
        missing: 60,
        edge: 250,
        bad: 250,
    },
    Profile {
        name: "sparse",
        weight: 10,
        missing: 550,
        edge: 200,
        bad: 100,
    },
];

/// Which side of the rules a value lands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Good,
    Bad,
    Edge,
}

// ---------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------

/// SplitMix64 (Steele, Lea and Flood 2014): small, fast, and the same
/// everywhere.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed);
        // Spread nearby seeds apart before the first draw.
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        // Multiply-shift: the high half of a 128-bit product is below `n`.
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let span = high.abs_diff(low).saturating_add(1);
        low.saturating_add_unsigned(self.below(span))
    }

    /// True with this probability per mille.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

fn pick<'t, T>(rng: &mut Rng, items: &'t [T]) -> Option<&'t T> {
    let i = rng.below(items.len() as u64);
    items.get(usize::try_from(i).ok()?)
}

fn pick_weighted(rng: &mut Rng, profiles: &[Profile; 4]) -> Profile {
    let total: u64 = profiles.iter().map(|p| p.weight).sum();
    let mut r = rng.below(total);
    let mut chosen = profiles.last();
    for p in profiles {
        if r < p.weight {
            chosen = Some(p);
            break;
        }
        r -= p.weight;
    }
    chosen.copied().unwrap_or(TYPICAL)
}

const TYPICAL: Profile = Profile {
    name: "typical",
    weight: 40,
    missing: 20,
    edge: 200,
    bad: 40,
};

// ---------------------------------------------------------------------------
// Reading the framework
// ---------------------------------------------------------------------------

/// What the framework asks of each piece of evidence. A sign is +1 where a
/// condition must hold for the location to do well (requirements, score
/// levels), -1 where it must not (under `not`), 0 where it only decides
/// whether a criterion applies.
#[derive(Clone, Debug, Default)]
struct Plan {
    slots: Vec<SlotPlan>,
    derived: Vec<Derived>,
    /// The defines walked so far, with the sign they were walked with:
    /// each is walked once per sign, however often it is used.
    walked: std::collections::BTreeSet<(u32, i8)>,
}

#[derive(Clone, Debug, Default)]
struct SlotPlan {
    /// `slot OP constant`.
    compares: Vec<(CompareOp, Value, i8)>,
    /// `slot within PERIOD`.
    windows: Vec<(Period, i8)>,
    /// `slot in {…}` / `slot not in {…}`.
    sets: Vec<(bool, Vec<Value>, i8)>,
    /// A bool used as a condition: the sum of its signs.
    truth: i32,
    /// `present(slot)`: the sum of its signs.
    presence: i32,
    /// `count(slot …) OP constant`.
    counts: Vec<CountRule>,
    /// Generated after the others, from another piece of evidence.
    derived: bool,
}

#[derive(Clone, Debug)]
struct CountRule {
    test: Option<ElementTest>,
    op: CompareOp,
    threshold: Decimal,
    sign: i8,
}

/// A `count` filter with constant operands.
#[derive(Clone, Debug, PartialEq)]
enum ElementTest {
    Within(Period),
    Compare(CompareOp, Value),
    In(bool, Vec<Value>),
}

/// `slot OP expression`, where the expression reads other evidence (`bhv.trained * 50
/// >= people.max_present`): the slot is generated around the expression's value.
#[derive(Clone, Debug)]
struct Derived {
    slot: u32,
    op: CompareOp,
    expr: ExprId,
    sign: i8,
}

impl Plan {
    fn of(fw: &Framework) -> Plan {
        let mut plan = Plan {
            slots: vec![SlotPlan::default(); fw.slots.len()],
            derived: Vec::new(),
            walked: std::collections::BTreeSet::new(),
        };
        for c in &fw.criteria {
            if let Some(a) = &c.applies {
                plan.walk(fw, a.expr, 0);
            }
            for r in &c.requirements {
                plan.walk(fw, r.condition.expr, 1);
            }
            if let Some(s) = &c.score {
                for (_, condition) in &s.levels {
                    plan.walk(fw, condition.expr, 1);
                }
            }
        }
        plan
    }

    fn slot(&mut self, slot: u32) -> Option<&mut SlotPlan> {
        self.slots.get_mut(slot as usize)
    }

    fn walk(&mut self, fw: &Framework, id: ExprId, sign: i8) {
        let Some(op) = fw.exprs.get(id as usize) else {
            return;
        };
        match op {
            Op::Slot(s) => {
                if let Some(p) = self.slot(*s) {
                    p.truth += i32::from(sign);
                }
            }
            Op::Present(s) => {
                if let Some(p) = self.slot(*s) {
                    p.presence += i32::from(sign);
                }
            }
            Op::Not(i) => self.walk(fw, *i, -sign),
            Op::Define(k, i) => {
                if self.walked.insert((*k, sign)) {
                    self.walk(fw, *i, sign);
                }
            }
            Op::Logic(_, start, len) => {
                let start = *start as usize;
                let ids = fw
                    .operands
                    .get(start..start.saturating_add(*len as usize))
                    .unwrap_or_default();
                for i in ids {
                    self.walk(fw, *i, sign);
                }
            }
            Op::Compare(op, l, r) => self.compare(fw, *op, *l, *r, sign),
            Op::Test(subject, test) => {
                let Some(Op::Slot(s)) = fw.exprs.get(fw.beneath(*subject) as usize) else {
                    return;
                };
                let test = element_test(fw, test);
                if let (Some(p), Some(test)) = (self.slot(*s), test) {
                    match test {
                        ElementTest::Within(period) => p.windows.push((period, sign)),
                        ElementTest::Compare(op, v) => p.compares.push((op, v, sign)),
                        ElementTest::In(negated, set) => p.sets.push((negated, set, sign)),
                    }
                }
            }
            Op::Const(_) | Op::Count(..) | Op::Arith(..) | Op::Neg(_) => {}
            // Only the evaluator's folded program has these.
            Op::CompareSlotNumber(..) | Op::SlotWithin(..) | Op::CountWithin(..) => {}
        }
    }

    fn compare(&mut self, fw: &Framework, op: CompareOp, l: ExprId, r: ExprId, sign: i8) {
        let (l, r) = (fw.beneath(l), fw.beneath(r));
        let (Some(left), Some(right)) = (fw.exprs.get(l as usize), fw.exprs.get(r as usize)) else {
            return;
        };
        match (left, right) {
            (Op::Slot(s), Op::Const(c)) => {
                if let Some(p) = self.slot(*s) {
                    p.compares.push((op, c.clone(), sign));
                }
            }
            (Op::Const(c), Op::Slot(s)) => {
                if let Some(p) = self.slot(*s) {
                    p.compares.push((op.flipped(), c.clone(), sign));
                }
            }
            (Op::Count(s, test), Op::Const(Value::Number(c))) => {
                self.count(fw, *s, test, op, *c, sign)
            }
            (Op::Const(Value::Number(c)), Op::Count(s, test)) => {
                self.count(fw, *s, test, op.flipped(), *c, sign);
            }
            (Op::Slot(s), _) if reads_other(fw, r, *s) => self.derive(*s, op, r, sign),
            (_, Op::Slot(s)) if reads_other(fw, l, *s) => self.derive(*s, op.flipped(), l, sign),
            _ => {}
        }
    }

    fn count(
        &mut self,
        fw: &Framework,
        slot: u32,
        test: &Option<Test>,
        op: CompareOp,
        threshold: Decimal,
        sign: i8,
    ) {
        let test = match test {
            None => None,
            Some(t) => match element_test(fw, t) {
                Some(t) => Some(t),
                // A filter with evidence in it: nothing to aim at.
                None => return,
            },
        };
        if let Some(p) = self.slot(slot) {
            p.counts.push(CountRule {
                test,
                op,
                threshold,
                sign,
            });
        }
    }

    fn derive(&mut self, slot: u32, op: CompareOp, expr: ExprId, sign: i8) {
        let Some(p) = self.slot(slot) else { return };
        if p.derived || !p.compares.is_empty() {
            return;
        }
        p.derived = true;
        self.derived.push(Derived {
            slot,
            op,
            expr,
            sign,
        });
    }
}

/// A test whose operands are constants.
fn element_test(fw: &Framework, test: &Test) -> Option<ElementTest> {
    let constant = |id: ExprId| match fw.exprs.get(fw.beneath(id) as usize) {
        Some(Op::Const(v)) => Some(v.clone()),
        _ => None,
    };
    Some(match test {
        Test::Within(p) => ElementTest::Within(*p),
        Test::Before(b) => ElementTest::Compare(CompareOp::Lt, constant(*b)?),
        Test::After(b) => ElementTest::Compare(CompareOp::Gt, constant(*b)?),
        Test::Compare(op, b) => ElementTest::Compare(*op, constant(*b)?),
        Test::In { negated, set } => ElementTest::In(*negated, set.to_vec()),
    })
}

/// Whether an expression reads evidence other than `slot` (and never `slot`).
/// Not when it reads more than can be listed: then it may read `slot`.
fn reads_other(fw: &Framework, id: ExprId, slot: u32) -> bool {
    let mut reads = Reads::default();
    collect_slots(fw, id, &mut reads, 0);
    !reads.slots.is_empty() && !reads.more && !reads.slots.contains(&slot)
}

fn collect_slots(fw: &Framework, id: ExprId, out: &mut Reads, depth: u32) {
    if depth > 64 {
        out.more = true;
        return;
    }
    match fw.exprs.get(id as usize) {
        Some(Op::Slot(s) | Op::Present(s) | Op::Count(s, _)) => out.add(*s),
        Some(Op::Arith(_, l, r) | Op::Compare(_, l, r)) => {
            collect_slots(fw, *l, out, depth + 1);
            collect_slots(fw, *r, out, depth + 1);
        }
        Some(Op::Neg(i) | Op::Not(i) | Op::Test(i, _)) => collect_slots(fw, *i, out, depth + 1),
        // Worked out once per define when it was compiled.
        Some(Op::Define(k, _)) => {
            if let Some(reads) = fw.define_slots.get(*k as usize) {
                out.extend(reads);
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Making values
// ---------------------------------------------------------------------------

/// A generated value for one slot.
#[derive(Clone, Debug, PartialEq)]
enum Generated {
    One(Value),
    Many(Vec<Value>),
}

struct Context<'a> {
    framework: &'a Framework,
    plan: &'a Plan,
    as_of: Date,
    rng: Rng,
}

const NAMES: [&str; 12] = [
    "Marieke de Vries",
    "Jeroen Bakker",
    "Fatima El Amrani",
    "Anne Visser",
    "Henk Jansen",
    "Sanne Hendriks",
    "Yusuf Demir",
    "Lotte Smit",
    "Priya Ramdin",
    "Dennis Koster",
    "Eva Mulder",
    "Bram de Jong",
];

fn days(date: Date, n: i64) -> Option<Date> {
    date.checked_add(n.days()).ok()
}

impl<'a> Context<'a> {
    /// Whether the next value is missing (`None`), or on which side it lands.
    fn mode(&mut self, profile: Profile) -> Option<Mode> {
        if self.rng.chance(profile.missing) {
            return None;
        }
        let r = self.rng.below(1000);
        Some(if r < profile.edge {
            Mode::Edge
        } else if r < profile.edge + profile.bad {
            Mode::Bad
        } else {
            Mode::Good
        })
    }

    fn independent(&mut self, slot: usize, mode: Mode) -> Option<Generated> {
        let (plan, framework): (&'a Plan, &'a Framework) = (self.plan, self.framework);
        let plan = plan.slots.get(slot)?;
        let ty = &framework.slots.get(slot)?.ty;
        match ty {
            Type::List(element) => Some(Generated::Many(self.list(plan, element, mode))),
            scalar => {
                let edges = self.edges(plan, scalar);
                let pool = self.pool(plan, scalar);
                let as_of = self.as_of;
                self.choose_spread(mode, &edges, &pool, |v| meets(plan, as_of, v))
                    .map(Generated::One)
            }
        }
    }

    /// Picks a value for `mode`: an edge, one that meets every rule, or one
    /// that breaks at least one; falls back to anything in the pool.
    fn choose(
        &mut self,
        mode: Mode,
        edges: &[Value],
        pool: &[Value],
        meets: &[bool],
    ) -> Option<Value> {
        if mode == Mode::Edge && !edges.is_empty() {
            return pick(&mut self.rng, edges).cloned();
        }
        let good = mode != Mode::Bad;
        let fitting: Vec<&Value> = pool
            .iter()
            .zip(meets)
            .filter(|(_, m)| **m == good)
            .map(|(v, _)| v)
            .collect();
        if fitting.is_empty() {
            pick(&mut self.rng, pool).cloned()
        } else {
            pick(&mut self.rng, &fitting).map(|v| (*v).clone())
        }
    }

    /// Like [`Context::choose`], where good and bad values come from the
    /// random pool first, so that they spread over the whole passing or
    /// failing range instead of piling up next to the thresholds.
    fn choose_spread(
        &mut self,
        mode: Mode,
        edges: &[Value],
        pool: &[Value],
        meets: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        let good = mode != Mode::Bad;
        if mode != Mode::Edge && pool.iter().any(|v| meets(v) == good) {
            let flags: Vec<bool> = pool.iter().map(&meets).collect();
            return self.choose(mode, &[], pool, &flags);
        }
        let all = dedup(edges.iter().chain(pool).cloned().collect());
        let flags: Vec<bool> = all.iter().map(&meets).collect();
        self.choose(mode, edges, &all, &flags)
    }

    /// Values on the edges: around each constant, on each window's edges.
    fn edges(&self, plan: &SlotPlan, ty: &Type) -> Vec<Value> {
        let mut edges = Vec::new();
        for (_, c, _) in &plan.compares {
            match c {
                Value::Number(n) => {
                    let step = step(ty, *n);
                    for candidate in [n.checked_sub(step), Some(*n), n.checked_add(step)] {
                        if let Some(x) = candidate.filter(|x| fits(ty, *x)) {
                            edges.push(Value::Number(x.normalize()));
                        }
                    }
                }
                Value::Date(d) => {
                    edges.extend(
                        [days(*d, -1), Some(*d), days(*d, 1)]
                            .into_iter()
                            .flatten()
                            .map(Value::Date),
                    );
                }
                other => edges.push(other.clone()),
            }
        }
        for (period, _) in &plan.windows {
            if let Some(start) = value::subtract(self.as_of, *period) {
                edges.extend(
                    [days(start, -1), Some(start), days(start, 1)]
                        .into_iter()
                        .flatten()
                        .map(Value::Date),
                );
            }
        }
        if !plan.windows.is_empty() {
            // The other end of every window: today, and tomorrow (in the future).
            edges.extend(
                [Some(self.as_of), days(self.as_of, 1)]
                    .into_iter()
                    .flatten()
                    .map(Value::Date),
            );
        }
        if plan.presence != 0 && *ty == Type::Text {
            // `present()` on either side: empty, only spaces, a name.
            edges.extend(
                ["", "  ", "A. de Boer"]
                    .into_iter()
                    .map(|t| Value::Text(t.to_string())),
            );
        }
        dedup(edges)
    }

    /// Plausible values of a type, away from the edges.
    fn pool(&mut self, plan: &SlotPlan, ty: &Type) -> Vec<Value> {
        let mut pool = Vec::new();
        match ty {
            Type::Bool => pool.extend([Value::Bool(true), Value::Bool(false)]),
            Type::Enum(members) => {
                pool.extend(
                    (0..members.len())
                        .filter_map(|i| u16::try_from(i).ok())
                        .map(Value::Member),
                );
            }
            Type::Text => {
                for _ in 0..3 {
                    if let Some(name) = pick(&mut self.rng, &NAMES) {
                        pool.push(Value::Text((*name).to_string()));
                    }
                }
            }
            Type::Date => {
                for _ in 0..6 {
                    let back = self.rng.between(0, 5 * 366);
                    if let Some(d) = days(self.as_of, -back) {
                        pool.push(Value::Date(d));
                    }
                }
                for (period, _) in &plan.windows {
                    // Dates well inside and well outside each window.
                    if let Some(start) = value::subtract(self.as_of, *period) {
                        let span = start
                            .until(self.as_of)
                            .map_or(0, |s| i64::from(s.get_days()));
                        let inside = self.rng.between(0, span);
                        let outside = self.rng.between(1, 400);
                        pool.extend(
                            [days(self.as_of, -inside), days(start, -outside)]
                                .into_iter()
                                .flatten()
                                .map(Value::Date),
                        );
                    }
                }
            }
            Type::Int | Type::Number | Type::Percent => {
                let top = plan
                    .compares
                    .iter()
                    .filter_map(|(_, c, _)| match c {
                        Value::Number(n) => Some(*n),
                        _ => None,
                    })
                    .max()
                    .unwrap_or(Decimal::TEN);
                for _ in 0..8 {
                    if let Some(n) = self.number(ty, top) {
                        pool.push(Value::Number(n));
                    }
                }
            }
            Type::List(_) => {}
        }
        dedup(pool)
    }

    /// A random number of a numeric type: shares in whole percents, counts
    /// from 0 to about twice the largest constant.
    fn number(&mut self, ty: &Type, top: Decimal) -> Option<Decimal> {
        match ty {
            Type::Percent => Some(Decimal::new(self.rng.between(0, 100), 2)),
            _ => {
                let high = top.abs().ceil().to_string().parse::<i64>().unwrap_or(10);
                let high = high.saturating_mul(2).saturating_add(3).min(1_000_000);
                let n = Decimal::from(self.rng.between(0, high));
                if *ty == Type::Number && self.rng.chance(300) {
                    Some(n + Decimal::new(self.rng.between(0, 9), 1))
                } else {
                    Some(n)
                }
            }
        }
    }

    fn list(&mut self, plan: &SlotPlan, element: &Type, mode: Mode) -> Vec<Value> {
        let Some(first) = plan.counts.first() else {
            let n = self.rng.between(0, 3);
            return (0..n)
                .filter_map(|_| self.element(element, None, true, &[]))
                .collect();
        };
        let test = first.test.clone();
        // How many elements pass the test: around each threshold.
        let mut edges: Vec<i64> = Vec::new();
        let mut top = 0;
        for rule in &plan.counts {
            let t = rule
                .threshold
                .trunc()
                .to_string()
                .parse::<i64>()
                .unwrap_or(0);
            top = top.max(t);
            edges.extend([t - 1, t, t + 1].into_iter().filter(|n| *n >= 0));
        }
        edges.sort_unstable();
        edges.dedup();
        let meets = |k: i64| {
            plan.counts.iter().filter(|r| r.sign != 0).all(|r| {
                compare(
                    r.op,
                    &Value::Number(Decimal::from(k)),
                    &Value::Number(r.threshold),
                ) == Some(r.sign > 0)
            })
        };
        let pool: Vec<i64> = (0..=top + 2).collect();
        let k = if mode == Mode::Edge {
            pick(&mut self.rng, &edges).copied().unwrap_or(0)
        } else {
            let fitting: Vec<i64> = pool
                .iter()
                .copied()
                .filter(|k| meets(*k) == (mode == Mode::Good))
                .collect();
            pick(
                &mut self.rng,
                if fitting.is_empty() { &pool } else { &fitting },
            )
            .copied()
            .unwrap_or(0)
        };
        let mut items: Vec<Value> = Vec::new();
        for _ in 0..k {
            if let Some(v) = self.element(element, test.as_ref(), true, &items) {
                items.push(v);
            }
        }
        if test.is_some() {
            for _ in 0..self.rng.between(0, 2) {
                if let Some(v) = self.element(element, test.as_ref(), false, &items) {
                    items.push(v);
                }
            }
        }
        match element {
            // Most recent first, as a school would list them.
            Type::Date => items.sort_by(|a, b| b.partial_cmp_value(a)),
            Type::Enum(_) => items.sort_by(|a, b| a.partial_cmp_value(b)),
            _ => {}
        }
        items
    }

    /// One list element that passes (or fails) the test, different from
    /// those taken where the element is an enum member.
    fn element(
        &mut self,
        ty: &Type,
        test: Option<&ElementTest>,
        pass: bool,
        taken: &[Value],
    ) -> Option<Value> {
        let mut candidates: Vec<Value> = match ty {
            Type::Date => {
                let mut dates = Vec::new();
                if let Some(ElementTest::Within(period)) = test {
                    let start = value::subtract(self.as_of, *period)?;
                    let span = start
                        .until(self.as_of)
                        .map_or(0, |s| i64::from(s.get_days()));
                    if pass {
                        dates.push(days(start, self.rng.between(0, span)));
                        if self.rng.chance(150) {
                            dates = vec![Some(start)];
                        }
                    } else {
                        dates.push(days(start, -self.rng.between(1, 500)));
                    }
                } else {
                    dates.push(days(self.as_of, -self.rng.between(0, 3 * 366)));
                }
                dates.into_iter().flatten().map(Value::Date).collect()
            }
            Type::Enum(members) => (0..members.len())
                .filter_map(|i| u16::try_from(i).ok())
                .map(Value::Member)
                .filter(|v| !taken.contains(v))
                .collect(),
            Type::Bool => vec![Value::Bool(true), Value::Bool(false)],
            Type::Text => NAMES
                .iter()
                .map(|n| Value::Text((*n).to_string()))
                .collect(),
            Type::Int | Type::Number | Type::Percent => {
                let mut numbers: Vec<Value> = Vec::new();
                if let Some(ElementTest::Compare(_, Value::Number(c))) = test {
                    let step = step(ty, *c);
                    for k in -3..=3 {
                        if let Some(x) = c
                            .checked_add(step * Decimal::from(k))
                            .filter(|x| fits(ty, *x))
                        {
                            numbers.push(Value::Number(x));
                        }
                    }
                }
                for _ in 0..4 {
                    if let Some(n) = self.number(ty, Decimal::TEN) {
                        numbers.push(Value::Number(n));
                    }
                }
                numbers
            }
            Type::List(_) => Vec::new(),
        };
        if let Some(test) = test {
            candidates.retain(|v| self.passes(v, test) == pass);
        }
        let chosen = pick(&mut self.rng, &candidates).cloned()?;
        // A date already in the list would be counted twice (and warned
        // of): take the nearest free day on the same side of the test.
        if let Value::Date(d) = chosen {
            if taken.contains(&chosen) {
                let free = (1..=400i64)
                    .flat_map(|step| [step, -step])
                    .filter_map(|step| days(d, step).map(Value::Date))
                    .find(|c| !taken.contains(c) && test.is_none_or(|t| self.passes(c, t) == pass));
                return free.or(Some(chosen));
            }
        }
        Some(chosen)
    }

    fn passes(&self, v: &Value, test: &ElementTest) -> bool {
        match test {
            ElementTest::Within(p) => within(self.as_of, v, *p),
            ElementTest::Compare(op, c) => compare(*op, v, c) == Some(true),
            ElementTest::In(negated, set) => set.contains(v) != *negated,
        }
    }

    fn derived(
        &mut self,
        d: &Derived,
        values: &[Option<Generated>],
        mode: Mode,
    ) -> Option<Generated> {
        let slot = d.slot as usize;
        let framework: &'a Framework = self.framework;
        let ty = &framework.slots.get(slot)?.ty;
        let mut defines = vec![None; self.framework.defines.len()];
        let Some(base) = self.number_of(d.expr, values, &mut defines, 0) else {
            return self.independent(slot, mode);
        };
        let step = step(ty, base);
        let edges: Vec<Value> = [base.checked_sub(step), Some(base), base.checked_add(step)]
            .into_iter()
            .flatten()
            .filter(|x| fits(ty, *x))
            .map(|x| Value::Number(x.normalize()))
            .collect();
        let mut pool = Vec::new();
        for _ in 0..8 {
            // From a third of the value to half as much again.
            let factor = Decimal::new(self.rng.between(30, 150), 2);
            if let Some(x) = base
                .checked_mul(factor)
                .map(|x| {
                    if *ty == Type::Int {
                        x.round()
                    } else {
                        x.round_dp(2)
                    }
                })
                .filter(|x| fits(ty, *x))
            {
                pool.push(Value::Number(x.normalize()));
            }
        }
        let pool = dedup(pool);
        let bound = Value::Number(base);
        self.choose_spread(mode, &edges, &pool, |v| {
            d.sign == 0 || compare(d.op, v, &bound) == Some(d.sign > 0)
        })
        .map(Generated::One)
    }

    /// The value of a numeric expression over what was generated so far.
    /// `defines` holds the value of each define worked out so far.
    fn number_of(
        &self,
        id: ExprId,
        values: &[Option<Generated>],
        defines: &mut [Option<Option<Decimal>>],
        depth: u32,
    ) -> Option<Decimal> {
        if depth > 64 {
            return None;
        }
        match self.framework.exprs.get(id as usize)? {
            Op::Const(Value::Number(n)) => Some(*n),
            Op::Slot(s) => match values.get(*s as usize)? {
                Some(Generated::One(Value::Number(n))) => Some(*n),
                _ => None,
            },
            Op::Count(s, None) => match values.get(*s as usize)? {
                Some(Generated::Many(items)) => Some(Decimal::from(items.len())),
                _ => None,
            },
            Op::Neg(i) => Some(-self.number_of(*i, values, defines, depth + 1)?),
            Op::Define(k, i) => match defines.get(*k as usize).copied().flatten() {
                Some(known) => known,
                None => {
                    let value = self.number_of(*i, values, defines, depth + 1);
                    if let Some(slot) = defines.get_mut(*k as usize) {
                        *slot = Some(value);
                    }
                    value
                }
            },
            Op::Arith(op, l, r) => {
                let l = self.number_of(*l, values, defines, depth + 1)?;
                let r = self.number_of(*r, values, defines, depth + 1)?;
                match op {
                    ArithOp::Add => l.checked_add(r),
                    ArithOp::Sub => l.checked_sub(r),
                    ArithOp::Mul => l.checked_mul(r),
                    ArithOp::Div => l.checked_div(r),
                }
            }
            _ => None,
        }
    }
}

/// Whether a value meets everything a requirement or score level asks of
/// its slot (applicability is neither good nor bad).
fn meets(plan: &SlotPlan, as_of: Date, v: &Value) -> bool {
    let compares = plan
        .compares
        .iter()
        .filter(|(_, _, s)| *s != 0)
        .all(|(op, c, s)| compare(*op, v, c) == Some(*s > 0));
    let windows = plan
        .windows
        .iter()
        .filter(|(_, s)| *s != 0)
        .all(|(p, s)| within(as_of, v, *p) == (*s > 0));
    let sets = plan
        .sets
        .iter()
        .filter(|(_, _, s)| *s != 0)
        .all(|(negated, set, s)| (set.contains(v) != *negated) == (*s > 0));
    let truth = match (plan.truth.signum(), v) {
        (1, Value::Bool(b)) => *b,
        (-1, Value::Bool(b)) => !*b,
        _ => true,
    };
    let presence = match (plan.presence.signum(), v) {
        (1, Value::Text(t)) => !t.trim().is_empty(),
        (-1, Value::Text(t)) => t.trim().is_empty(),
        _ => true,
    };
    compares && windows && sets && truth && presence
}

fn within(as_of: Date, v: &Value, period: Period) -> bool {
    let Value::Date(d) = v else { return false };
    value::subtract(as_of, period).is_some_and(|start| start <= *d && *d <= as_of)
}

/// The step just below and above a constant: one for whole numbers, one
/// percentage point for shares, the constant's last digit otherwise.
fn step(ty: &Type, c: Decimal) -> Decimal {
    let last_digit = Decimal::new(1, c.normalize().scale());
    match ty {
        Type::Int => Decimal::ONE,
        Type::Percent => last_digit.min(Decimal::new(1, 2)),
        _ => last_digit,
    }
}

/// Whether a number is a valid, plausible value of its type.
fn fits(ty: &Type, n: Decimal) -> bool {
    match ty {
        Type::Percent => n >= Decimal::ZERO && n <= Decimal::ONE,
        Type::Int => n >= Decimal::ZERO && n.fract().is_zero(),
        _ => n >= Decimal::ZERO,
    }
}

fn compare(op: CompareOp, v: &Value, c: &Value) -> Option<bool> {
    let ordering = v.partial_cmp_checked(c)?;
    Some(match op {
        CompareOp::Eq => ordering.is_eq(),
        CompareOp::Ne => !ordering.is_eq(),
        CompareOp::Lt => ordering.is_lt(),
        CompareOp::Le => ordering.is_le(),
        CompareOp::Gt => ordering.is_gt(),
        CompareOp::Ge => ordering.is_ge(),
    })
}

trait Order {
    fn partial_cmp_checked(&self, other: &Value) -> Option<std::cmp::Ordering>;
    fn partial_cmp_value(&self, other: &Value) -> std::cmp::Ordering {
        self.partial_cmp_checked(other)
            .unwrap_or(std::cmp::Ordering::Equal)
    }
}

impl Order for Value {
    fn partial_cmp_checked(&self, other: &Value) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => Some(a.cmp(b)),
            (Value::Date(a), Value::Date(b)) => Some(a.cmp(b)),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
            (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
            (Value::Member(a), Value::Member(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }
}

fn dedup(values: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Writing the document
// ---------------------------------------------------------------------------

fn to_json(v: &Generated, ty: &Type, rng: &mut Rng) -> Json {
    match (v, ty) {
        (Generated::Many(items), Type::List(element)) => {
            Json::Array(items.iter().map(|i| scalar_json(i, element, rng)).collect())
        }
        (Generated::One(v), ty) => scalar_json(v, ty, rng),
        (Generated::Many(items), ty) => {
            Json::Array(items.iter().map(|i| scalar_json(i, ty, rng)).collect())
        }
    }
}

fn scalar_json(v: &Value, ty: &Type, rng: &mut Rng) -> Json {
    match (v, ty) {
        // Both ways an evidence file may write a share: "71%" and 0.71.
        (Value::Number(n), Type::Percent) if !rng.chance(750) => number_json(*n),
        _ => value_json(v, ty),
    }
}
