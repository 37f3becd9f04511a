//! JSON: the result document of the language contract, and the documents
//! of assessments, plans and overviews.
//!
//! The result documents (a bare outcome, an assessment) are written
//! directly into one `String` by a small writer: one per location, where
//! a detour through `serde_json::Value` built a map per object and cost
//! several times the evaluation. The writer prints exactly what
//! `serde_json` prints for the same data (field order, string escaping,
//! numbers); `tests/json_render.rs` compares the two over the samples and
//! generated locations.

use std::fmt::Write as _;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde_json::ser::{CompactFormatter, Formatter as _};
use serde_json::Value;

use crate::eval::{Assessment, Certificate, Maturity, ToSupply};
use crate::evidence::Location;
use crate::outcome::{CriterionOutcome, FrameworkRef, Gap, GapKind, Outcome, ThemeOutcome, Waiver};
use crate::overview::Overview;
use crate::plan::ImprovementPlan;

/// The outcome as one line of JSON (the result document of
/// `docs/language.md`: every criterion in framework order).
pub fn to_json(outcome: &Outcome) -> String {
    let mut w = Writer::for_outcome(outcome);
    w.outcome(outcome, None);
    w.out
}

fn line(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| format!(r#"{{"error":"{e}"}}"#))
}

fn value<T: serde::Serialize>(data: &T) -> Value {
    serde_json::to_value(data).unwrap_or_else(|e| Value::String(format!("error: {e}")))
}

/// The result document with what the stage adds: `stage` (before
/// `verdict`), `certificate` (after `valid_until`), each theme's
/// `maturity` (last), and `to_supply` and `what_it_takes` at the end.
/// Every field of the contract keeps its place and meaning.
pub(crate) fn assessment(a: &Assessment, what_it_takes: &[String]) -> String {
    let mut w = Writer::for_outcome(&a.outcome);
    w.outcome(&a.outcome, Some((a, what_it_takes)));
    w.out
}

/// A plan as one line of JSON; `by_owner` replaces `items` with `owners`,
/// one list per partner.
pub(crate) fn plan(plan: &ImprovementPlan, by_owner: bool) -> String {
    let Value::Object(mut out) = value(plan) else {
        return line(&value(plan));
    };
    if by_owner {
        out.remove("items");
        let owners: Vec<Value> = plan
            .by_owner()
            .into_iter()
            .map(|(owner, items)| serde_json::json!({ "owner": owner, "items": value(&items) }))
            .collect();
        out.insert("owners".into(), Value::Array(owners));
    }
    line(&Value::Object(out))
}

/// The overview as one JSON document.
pub(crate) fn overview(overview: &Overview) -> String {
    line(&value(overview))
}

// ---------------------------------------------------------------- the writer

/// Writes JSON as `serde_json::to_string` writes the same data: no
/// whitespace, fields in declaration order, strings escaped as
/// `serde_json` escapes them, floats in its shortest form.
struct Writer {
    out: String,
    /// A share's decimal text, reused.
    decimal: String,
    /// A float as `serde_json` prints it, reused.
    float: Vec<u8>,
    /// The shares written so far, as written: a document repeats a few
    /// values (thresholds, full scores), and each float costs its
    /// shortest digits. Keyed by the decimal's exact bits.
    shares: Vec<([u8; 16], std::ops::Range<usize>)>,
    /// The text of `shares`, one after the other.
    share_text: String,
}

impl Writer {
    /// A writer with room for a typical document of `outcome` and the
    /// line break `render` adds, so that the output is not reallocated.
    fn for_outcome(outcome: &Outcome) -> Writer {
        let gaps: usize = outcome.criteria.iter().map(|c| c.gaps.len()).sum();
        let capacity =
            1024 + 200 * outcome.themes.len() + 240 * outcome.criteria.len() + 320 * gaps;
        Writer::with_capacity(capacity)
    }

    fn with_capacity(capacity: usize) -> Writer {
        Writer {
            out: String::with_capacity(capacity),
            decimal: String::new(),
            float: Vec::new(),
            shares: Vec::new(),
            share_text: String::new(),
        }
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// One of kader's own words (a status, a verdict): plain ASCII that
    /// needs no escaping.
    fn word(&mut self, s: &'static str) {
        self.out.push('"');
        self.out.push_str(s);
        self.out.push('"');
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        escape(&mut self.out, s);
        self.out.push('"');
    }

    fn opt_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.raw("null"),
        }
    }

    fn strings(&mut self, items: &[String]) {
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.string(item);
        }
        self.out.push(']');
    }

    fn bool(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }

    fn u64(&mut self, n: u64) {
        match u8::try_from(n) {
            Ok(digit @ 0..=9) => self.out.push(char::from(b'0' + digit)),
            _ => {
                let _ = write!(self.out, "{n}");
            }
        }
    }

    /// A date as `serde`'s `collect_str` writes it: its display, quoted
    /// (digits and dashes only, nothing to escape).
    fn date(&mut self, d: Date) {
        let _ = write!(self.out, "\"{d}\"");
    }

    fn opt_date(&mut self, d: Option<Date>) {
        match d {
            Some(d) => self.date(d),
            None => self.raw("null"),
        }
    }

    /// A share as `outcome::opt_share` serialises it: the nearest double
    /// to the exact decimal, in `serde_json`'s float notation.
    fn share(&mut self, d: Option<Decimal>) {
        let Some(d) = d else {
            return self.raw("null");
        };
        let key = d.serialize();
        if let Some((_, range)) = self.shares.iter().find(|(k, _)| *k == key) {
            self.out
                .push_str(self.share_text.get(range.clone()).unwrap_or("null"));
            return;
        }
        let start = self.share_text.len();
        match to_f64(d, &mut self.decimal) {
            Some(f) if f.is_finite() => {
                self.float.clear();
                let written = CompactFormatter.write_f64(&mut self.float, f);
                match (written, std::str::from_utf8(&self.float)) {
                    (Ok(()), Ok(text)) => self.share_text.push_str(text),
                    _ => self.share_text.push_str("null"),
                }
            }
            _ => self.share_text.push_str("null"),
        }
        let range = start..self.share_text.len();
        self.out
            .push_str(self.share_text.get(range.clone()).unwrap_or("null"));
        self.shares.push((key, range));
    }

    fn framework(&mut self, f: &FrameworkRef) {
        self.raw("{\"id\":");
        self.string(&f.id);
        self.raw(",\"title\":");
        self.string(&f.title);
        self.raw(",\"version\":");
        self.string(&f.version);
        self.out.push('}');
    }

    fn location(&mut self, l: &Location) {
        self.raw("{\"id\":");
        self.string(&l.id);
        if let Some(name) = &l.name {
            self.raw(",\"name\":");
            self.string(name);
        }
        self.out.push('}');
    }

    /// The result document; with an assessment and its plan, what the
    /// stage adds.
    fn outcome(&mut self, o: &Outcome, staged: Option<(&Assessment, &[String])>) {
        self.raw("{\"framework\":");
        self.framework(&o.framework);
        self.raw(",\"location\":");
        self.location(&o.location);
        self.raw(",\"as_of\":");
        self.date(o.as_of);
        if let Some((a, _)) = staged {
            self.raw(",\"stage\":");
            self.word(a.stage.as_str());
        }
        self.raw(",\"verdict\":");
        self.word(o.verdict.as_str());
        self.raw(",\"parts\":{\"legal\":");
        self.word(o.parts.legal.as_str());
        self.raw(",\"base\":");
        self.word(o.parts.base.as_str());
        self.raw(",\"local\":");
        match o.parts.local {
            Some(local) => self.word(local.as_str()),
            None => self.raw("null"),
        }
        self.out.push('}');
        self.raw(",\"valid_until\":");
        self.opt_date(o.valid_until);
        if let Some((a, _)) = staged {
            self.raw(",\"certificate\":");
            self.certificate(a.certificate.as_ref());
        }
        self.raw(",\"themes\":[");
        for (i, t) in o.themes.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.theme(t, staged.is_some());
        }
        self.raw("],\"criteria\":[");
        for (i, c) in o.criteria.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.criterion(c);
        }
        self.out.push(']');
        if let Some((a, what_it_takes)) = staged {
            self.raw(",\"to_supply\":[");
            for (i, s) in a.to_supply.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                self.supply(s);
            }
            self.raw("],\"what_it_takes\":");
            self.strings(what_it_takes);
        }
        self.out.push('}');
    }

    fn certificate(&mut self, c: Option<&Certificate>) {
        let Some(c) = c else {
            return self.raw("null");
        };
        self.raw("{\"location\":");
        self.location(&c.location);
        self.raw(",\"framework\":");
        self.framework(&c.framework);
        self.raw(",\"audit_date\":");
        self.date(c.audit_date);
        self.raw(",\"valid_until\":");
        self.opt_date(c.valid_until);
        self.raw(",\"relies_on\":[");
        for (i, e) in c.relies_on.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.raw("{\"location\":");
            self.string(&e.location);
            self.raw(",\"criterion\":");
            self.string(&e.criterion);
            self.raw(",\"reason\":");
            self.string(&e.reason);
            self.raw(",\"granted_by\":");
            self.string(&e.granted_by);
            self.raw(",\"decided_on\":");
            self.date(e.decided_on);
            self.raw(",\"valid_until\":");
            self.date(e.valid_until);
            self.out.push('}');
        }
        self.raw("]}");
    }

    fn theme(&mut self, t: &ThemeOutcome, maturity: bool) {
        self.raw("{\"id\":");
        self.string(&t.id);
        self.raw(",\"title\":");
        self.string(&t.title);
        self.raw(",\"status\":");
        self.word(t.status.as_str());
        self.raw(",\"score\":");
        self.share(t.score);
        self.raw(",\"score_max\":");
        self.share(t.score_max);
        self.raw(",\"threshold\":");
        self.share(t.threshold);
        self.raw(",\"failed_mandatory\":");
        self.strings(&t.failed_mandatory);
        if !t.floors.is_empty() {
            self.raw(",\"floors\":[");
            for (i, f) in t.floors.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                self.raw("{\"framework\":");
                self.string(&f.framework);
                self.raw(",\"status\":");
                self.word(f.status.as_str());
                self.raw(",\"score\":");
                self.share(f.score);
                self.raw(",\"score_max\":");
                self.share(f.score_max);
                self.raw(",\"threshold\":");
                self.share(f.threshold);
                self.raw(",\"failed_mandatory\":");
                self.strings(&f.failed_mandatory);
                self.out.push('}');
            }
            self.out.push(']');
        }
        if maturity {
            self.raw(",\"maturity\":");
            self.word(Maturity::of(t).as_str());
        }
        self.out.push('}');
    }

    fn criterion(&mut self, c: &CriterionOutcome) {
        self.raw("{\"id\":");
        self.string(&c.id);
        self.raw(",\"theme\":");
        self.string(&c.theme);
        self.raw(",\"title\":");
        self.string(&c.title);
        self.raw(",\"status\":");
        self.word(c.status.as_str());
        self.raw(",\"mandatory\":");
        self.bool(c.mandatory);
        self.raw(",\"weight\":");
        self.u64(c.weight);
        if let Some(level) = c.level {
            self.raw(",\"level\":");
            self.u64(level);
        }
        if let Some(max_level) = c.max_level {
            self.raw(",\"max_level\":");
            self.u64(max_level);
        }
        self.raw(",\"owner\":");
        self.string(c.owner);
        self.raw(",\"legal\":");
        self.opt_string(c.legal.as_deref());
        if let Some(layer) = &c.layer {
            self.raw(",\"layer\":");
            self.string(layer);
        }
        if let Some(tightened_by) = &c.tightened_by {
            self.raw(",\"tightened_by\":");
            self.strings(tightened_by);
        }
        if let Some(waiver) = &c.waiver {
            self.raw(",\"waiver\":");
            self.waiver(waiver);
        }
        self.raw(",\"gaps\":[");
        for (i, g) in c.gaps.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.gap(g);
        }
        self.raw("]}");
    }

    fn waiver(&mut self, w: &Waiver) {
        self.raw("{\"reason\":");
        self.string(&w.reason);
        self.raw(",\"granted_by\":");
        self.string(&w.granted_by);
        self.raw(",\"decided_on\":");
        self.date(w.decided_on);
        self.raw(",\"valid_until\":");
        self.date(w.valid_until);
        self.out.push('}');
    }

    fn gap(&mut self, g: &Gap) {
        self.raw("{\"evidence\":");
        self.strings(&g.evidence);
        self.raw(",\"expected\":");
        self.string(&g.expected);
        self.raw(",\"actual\":");
        self.string(&g.actual);
        self.raw(",\"message\":");
        self.string(&g.message);
        self.raw(",\"kind\":");
        self.word(match g.kind {
            GapKind::Failed => "failed",
            GapKind::Missing => "missing",
            GapKind::Applicability => "applicability",
        });
        self.out.push('}');
    }

    fn supply(&mut self, s: &ToSupply) {
        self.raw("{\"path\":");
        self.string(&s.path);
        self.raw(",\"label\":");
        self.opt_string(s.label.as_deref());
        self.raw(",\"criteria\":");
        self.strings(&s.criteria);
        self.out.push('}');
    }
}

/// The nearest double to a decimal, as parsing its normalised text
/// gives it (`outcome::opt_share`). A mantissa below 2^53 over a power of
/// ten up to 10^22 are both exact doubles, and one division of exact
/// doubles rounds correctly: the same double, without the text.
fn to_f64(d: Decimal, text: &mut String) -> Option<f64> {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let exact = u64::try_from(d.mantissa())
        .ok()
        .filter(|m| *m < 1 << 53)
        .zip(usize::try_from(d.scale()).ok().and_then(|s| POWERS.get(s)));
    match exact {
        // Non-negative only: normalising turns -0 into 0.
        Some((mantissa, power)) => Some(mantissa as f64 / power),
        None => {
            text.clear();
            let _ = write!(text, "{}", d.normalize());
            text.parse::<f64>().ok()
        }
    }
}

/// Appends `s` escaped as `serde_json` escapes a string: `"` and `\`, the
/// control characters as `\b \t \n \f \r` or `\u00xx` (lowercase hex);
/// everything else, non-ASCII included, as it is.
pub(super) fn escape(out: &mut String, s: &str) {
    let mut start = 0;
    while let Some(i) = s
        .as_bytes()
        .get(start..)
        .and_then(first_to_escape)
        .map(|offset| start + offset)
    {
        // `i` is at an ASCII byte, so on a character boundary.
        out.push_str(s.get(start..i).unwrap_or_default());
        let byte = s.as_bytes().get(i).copied().unwrap_or_default();
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            // Another control character.
            _ => {
                out.push_str("\\u00");
                out.push(hex(byte >> 4));
                out.push(hex(byte & 0x0f));
            }
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
}

/// Where the first byte JSON escapes is, eight bytes at a time.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let found = match <[u8; 8]>::try_from(chunk) {
            Ok(eight) => first_in(eight),
            // A chunk always has eight bytes.
            Err(_) => chunk
                .iter()
                .position(|&b| b < 0x20 || b == b'"' || b == b'\\'),
        };
        if let Some(at) = found {
            return Some(offset + at);
        }
        offset += 8;
    }
    // The last few bytes, padded with spaces (which need no escaping).
    let mut eight = [b' '; 8];
    for (to, from) in eight.iter_mut().zip(chunks.remainder()) {
        *to = *from;
    }
    first_in(eight).map(|at| offset + at)
}

/// The first of eight bytes that is a control character, `"` or `\`.
///
/// Each test sets the high bit of a byte that matches; a borrow can set
/// it in a later byte too, but only after a byte that matches, so the
/// lowest bit set is exact.
fn first_in(eight: [u8; 8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = u64::from_le_bytes(eight);
    let below = |v: u64, n: u64| v.wrapping_sub(ONES.wrapping_mul(n)) & !v & HIGH;
    let control = below(x, 0x20);
    let quote = below(x ^ ONES.wrapping_mul(u64::from(b'"')), 1);
    let backslash = below(x ^ ONES.wrapping_mul(u64::from(b'\\')), 1);
    let found = control | quote | backslash;
    (found != 0).then(|| (found.trailing_zeros() / 8) as usize)
}

fn hex(nibble: u8) -> char {
    char::from_digit(u32::from(nibble), 16).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    /// Every share `p/q` (and its negation, and the same value at other
    /// scales) is written as `outcome::opt_share` writes it: the
    /// normalised decimal's text parsed, through `serde_json`.
    #[test]
    fn shares_are_written_as_their_text_parsed() {
        let check = |d: Decimal| {
            let expected = match d.normalize().to_string().parse::<f64>() {
                Ok(f) => serde_json::to_string(&serde_json::Value::from(f)).unwrap_or_default(),
                Err(_) => "null".to_string(),
            };
            let mut w = super::Writer::with_capacity(0);
            w.share(Some(d));
            w.share(Some(d));
            assert_eq!(w.out, format!("{expected}{expected}"), "{d:?}");
        };
        for q in 1..=120_i64 {
            for p in 0..=q {
                let Some(share) = Decimal::from(p).checked_div(Decimal::from(q)) else {
                    continue;
                };
                check(share);
                check(-share);
                check(share.round_dp(3));
                let mut wide = share;
                wide.rescale(28);
                check(wide);
            }
        }
        for d in [
            Decimal::ZERO,
            Decimal::NEGATIVE_ONE * Decimal::ZERO,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(9_007_199_254_740_993, 16),
            Decimal::new(9_007_199_254_740_991, 22),
            Decimal::new(1, 28),
            Decimal::new(123_456_789, 0),
        ] {
            check(d);
        }
    }
}
