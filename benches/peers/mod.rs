//! The peers kader is measured against: the basiskader rules written by
//! hand in Rust (`handwritten`, the practical limit) and in CEL (`cel`).
//! Both share the criterion table and the scoring below, which follow
//! kader's semantics: Kleene's three-valued logic, graded levels tried top
//! down, themes scored with exact integer arithmetic.

pub mod cel;
pub mod handwritten;

use kader::{Status, Verdict};

/// A criterion as the scoring needs it.
pub struct Criterion {
    pub id: &'static str,
    pub theme: usize,
    pub mandatory: bool,
    pub weight: u64,
    /// The highest level of a graded criterion.
    pub max: Option<u64>,
}

const fn c(
    id: &'static str,
    theme: usize,
    mandatory: bool,
    weight: u64,
    max: Option<u64>,
) -> Criterion {
    Criterion {
        id,
        theme,
        mandatory,
        weight,
        max,
    }
}

/// Theme ids and their score thresholds in percent.
pub const THEMES: [(&str, u64); 8] = [
    ("beleid", 60),
    ("sociaal", 60),
    ("zorg", 60),
    ("fysiek", 60),
    ("calamiteiten", 60),
    ("incidenten", 60),
    ("samenwerking", 50),
    ("omgeving", 60),
];

/// The basiskader's criteria in framework order.
pub const CRITERIA: [Criterion; 49] = [
    c("B1", 0, true, 1, None),
    c("B2", 0, true, 1, None),
    c("B3", 0, false, 1, None),
    c("B4", 0, false, 1, None),
    c("B5", 0, true, 1, None),
    c("B6", 0, false, 2, Some(3)),
    c("S1", 1, true, 1, None),
    c("S2", 1, true, 1, None),
    c("S3", 1, true, 1, None),
    c("S4", 1, false, 1, None),
    c("S5", 1, false, 2, Some(3)),
    c("S6", 1, false, 1, None),
    c("S7", 1, false, 1, None),
    c("S8", 1, false, 1, None),
    c("Z1", 2, true, 1, None),
    c("Z2", 2, false, 1, None),
    c("Z3", 2, false, 1, Some(2)),
    c("Z4", 2, true, 1, None),
    c("Z5", 2, true, 1, None),
    c("Z6", 2, false, 1, None),
    c("Z7", 2, true, 1, None),
    c("Z8", 2, false, 1, None),
    c("F1", 3, true, 1, None),
    c("F2", 3, true, 1, None),
    c("F3", 3, true, 1, None),
    c("F4", 3, true, 1, None),
    c("F5", 3, false, 1, None),
    c("F6", 3, false, 1, None),
    c("F7", 3, false, 1, None),
    c("C1", 4, true, 1, None),
    c("C2", 4, false, 1, Some(2)),
    c("C3", 4, true, 1, None),
    c("C4", 4, true, 1, Some(2)),
    c("C5", 4, false, 1, None),
    c("C6", 4, false, 1, None),
    c("I1", 5, true, 1, None),
    c("I2", 5, false, 2, None),
    c("I3", 5, false, 1, None),
    c("I4", 5, false, 1, None),
    c("P1", 6, true, 1, None),
    c("P2", 6, false, 1, None),
    c("P3", 6, false, 2, Some(2)),
    c("P4", 6, false, 1, None),
    c("P5", 6, false, 1, None),
    c("P6", 6, false, 1, None),
    c("O1", 7, false, 2, None),
    c("O2", 7, false, 1, None),
    c("O3", 7, false, 1, None),
    c("O4", 7, false, 1, None),
];

/// One criterion's result: its status and, for a graded one, its level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Judged {
    pub status: Status,
    pub level: Option<u64>,
}

/// Kleene conjunction.
#[inline]
pub fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

/// Kleene disjunction.
#[inline]
pub fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

/// A criterion with requirements only.
#[inline]
pub fn plain(applies: Option<bool>, required: Option<bool>) -> Judged {
    let status = match required {
        Some(true) => Status::Pass,
        Some(false) => Status::Fail,
        None => Status::Unknown,
    };
    finish(applies, status, None)
}

/// A graded criterion: `level` is `None` when a level's condition was
/// unknown before any higher one held.
#[inline]
pub fn graded(applies: Option<bool>, level: Option<u64>) -> Judged {
    let (status, level) = match level {
        Some(0) => (Status::Fail, Some(0)),
        Some(l) => (Status::Pass, Some(l)),
        None => (Status::Unknown, None),
    };
    finish(applies, status, level)
}

#[inline]
fn finish(applies: Option<bool>, status: Status, level: Option<u64>) -> Judged {
    match applies {
        Some(false) => Judged {
            status: Status::NotApplicable,
            level: None,
        },
        None => Judged {
            status: Status::Unknown,
            level: None,
        },
        Some(true) => Judged { status, level },
    }
}

/// Graded levels tried top down: the first that holds gives its level, an
/// unknown one before that makes the whole unknown.
#[inline]
pub fn first_level(levels: &[(u64, Option<bool>)]) -> Option<u64> {
    for &(level, holds) in levels {
        match holds {
            Some(true) => return Some(level),
            None => return None,
            Some(false) => {}
        }
    }
    Some(0)
}

/// Theme statuses and the verdict from the criteria's results.
pub fn verdict(judged: &[Judged; 49]) -> Verdict {
    // Scores in sixths of a weight point, so levels out of 2 and 3 stay whole.
    let mut low = [0u64; 8];
    let mut high = [0u64; 8];
    let mut total = [0u64; 8];
    let mut failed = [false; 8];
    let mut open = [false; 8];
    for (criterion, j) in CRITERIA.iter().zip(judged) {
        let t = criterion.theme;
        let (Some(low), Some(high), Some(total), Some(failed), Some(open)) = (
            low.get_mut(t),
            high.get_mut(t),
            total.get_mut(t),
            failed.get_mut(t),
            open.get_mut(t),
        ) else {
            continue;
        };
        if criterion.mandatory {
            match j.status {
                Status::Fail => *failed = true,
                Status::Unknown => *open = true,
                _ => {}
            }
        }
        let w6 = criterion.weight * 6;
        match j.status {
            Status::NotApplicable | Status::Waived => continue,
            Status::Unknown => *high += w6,
            Status::Pass | Status::Fail => {
                let gained = match (j.level, criterion.max) {
                    (Some(l), Some(m)) => w6 * l / m,
                    _ if j.status == Status::Pass => w6,
                    _ => 0,
                };
                *low += gained;
                *high += gained;
            }
        }
        *total += w6;
    }
    let mut any_fail = false;
    let mut all_pass = true;
    for (i, &(_, threshold)) in THEMES.iter().enumerate() {
        let (Some(&low), Some(&high), Some(&total), Some(&failed), Some(&open)) = (
            low.get(i),
            high.get(i),
            total.get(i),
            failed.get(i),
            open.get(i),
        ) else {
            continue;
        };
        let reaches = |gained: u64| total == 0 || gained * 100 >= threshold * total;
        if failed || !reaches(high) {
            any_fail = true;
        } else if !reaches(low) || open {
            all_pass = false;
        }
    }
    if any_fail {
        Verdict::NotCertified
    } else if all_pass {
        Verdict::Certified
    } else {
        Verdict::InsufficientEvidence
    }
}
