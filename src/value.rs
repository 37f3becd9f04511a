//! Values and types shared by every stage after parsing.

use std::fmt;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::terms::{Period, Unit};

/// The type of an evidence value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Int,
    /// A decimal number.
    Number,
    /// A share, written `71%` or `0.71`.
    Percent,
    /// A calendar date.
    Date,
    /// Free text.
    Text,
    /// One of a fixed set of words; the members are listed here.
    Enum(Vec<String>),
    /// A list of values of one type.
    List(Box<Type>),
}

impl Type {
    /// The type in the framework's notation.
    pub fn notation(&self) -> String {
        match self {
            Type::Bool => "bool".into(),
            Type::Int => "int".into(),
            Type::Number => "number".into(),
            Type::Percent => "percent".into(),
            Type::Date => "date".into(),
            Type::Text => "text".into(),
            Type::Enum(members) => format!("enum({})", members.join(", ")),
            Type::List(element) => format!("list<{}>", element.notation()),
        }
    }

    /// The type in words, for messages: "a date", "a percentage".
    pub fn describe(&self) -> String {
        self.in_words(false)
    }

    /// As one value, or (`many`, for a list's elements) as values.
    fn in_words(&self, many: bool) -> String {
        let (one, more) = match self {
            Type::Bool => ("true or false", "true/false values"),
            Type::Int => ("a whole number", "whole numbers"),
            Type::Number => ("a number", "numbers"),
            Type::Percent => ("a percentage", "percentages"),
            Type::Date => ("a date", "dates"),
            Type::Text => ("a text", "texts"),
            Type::Enum(members) => {
                let members = members.join(", ");
                let (one, more) = ("one of ", "words from ");
                return format!("{}{members}", if many { more } else { one });
            }
            Type::List(element) => {
                let (one, more) = ("a list of ", "lists of ");
                return format!(
                    "{}{}",
                    if many { more } else { one },
                    element.in_words(true)
                );
            }
        };
        (if many { more } else { one }).to_string()
    }

    /// Whether values of this type are numbers (int, number, percent).
    pub fn is_numeric(&self) -> bool {
        matches!(self, Type::Int | Type::Number | Type::Percent)
    }
}

/// One scalar value: what a literal denotes or what evidence holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A truth value.
    Bool(bool),
    /// A number; percentages are held as fractions (`71%` is `0.71`).
    Number(Decimal),
    /// A date.
    Date(Date),
    /// Text.
    Text(String),
    /// An enum member, by its index in the declaration.
    Member(u16),
}

/// Renders a number the way an author writes it: no trailing zeros.
pub fn format_number(n: Decimal) -> String {
    n.normalize().to_string()
}

/// Renders a fraction as a percentage: `0.52` → `52%`.
pub fn format_percent(n: Decimal) -> String {
    match n.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", p.normalize()),
        None => format_number(n),
    }
}

/// Renders a value of a declared type for people.
pub fn format_value(value: &Value, ty: &Type) -> String {
    match (value, ty) {
        (Value::Bool(b), _) => b.to_string(),
        (Value::Number(n), Type::Percent) => format_percent(*n),
        (Value::Number(n), _) => format_number(*n),
        (Value::Date(d), _) => d.to_string(),
        (Value::Text(t), _) => t.clone(),
        (Value::Member(i), Type::Enum(members)) => members
            .get(usize::from(*i))
            .cloned()
            .unwrap_or_else(|| format!("#{i}")),
        (Value::Member(i), _) => format!("#{i}"),
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{}", format_number(*n)),
            Value::Date(d) => write!(f, "{d}"),
            Value::Text(t) => write!(f, "{t:?}"),
            Value::Member(i) => write!(f, "#{i}"),
        }
    }
}

/// `date - period`, in calendar units, clamped to the end of a shorter
/// month (2028-02-29 minus 12 months is 2027-02-28); `None` when the result
/// falls outside the calendar kader knows (years -9999 to 9999).
pub fn subtract(date: Date, period: Period) -> Option<Date> {
    date.checked_sub(span(period)?).ok()
}

/// A period as a calendar span; `None` when it is longer than the
/// calendar (a span would refuse it).
fn span(period: Period) -> Option<jiff::Span> {
    let amount = i64::from(period.amount);
    let span = jiff::Span::new();
    match period.unit {
        Unit::Days => span.try_days(amount),
        Unit::Weeks => span.try_weeks(amount),
        Unit::Months => span.try_months(amount),
        Unit::Years => span.try_years(amount),
    }
    .ok()
}

/// `date + period`, clamped like [`subtract`].
pub fn add(date: Date, period: Period) -> Option<Date> {
    date.checked_add(span(period)?).ok()
}

/// The first as-of date whose window of `period` (the one `within` tests,
/// from [`subtract`]`(as_of, period)` to the as-of date) starts after
/// `date`: from that day on, `date` is outside the window for good.
///
/// Worked out from the calendar, not by trying days: the window's first
/// day must reach `date + 1 day`, which the as-of date `date + 1 day +
/// period` gives, unless adding the months clamped it to the end of a
/// shorter month; then no day of that month reaches it, and the first of
/// the next month does (a window of one month holds 28 February 2027 up
/// to 31 March and starts on 1 March from 1 April). `None` beyond the
/// calendar.
pub fn first_outside(date: Date, period: Period) -> Option<Date> {
    let next = date.tomorrow().ok()?;
    let reached = add(next, period)?;
    match period.unit {
        Unit::Days | Unit::Weeks => Some(reached),
        Unit::Months | Unit::Years if reached.day() == next.day() => Some(reached),
        Unit::Months | Unit::Years => reached.tomorrow().ok(),
    }
}

/// Whether a certificate valid for `shorter` ends no later than one valid
/// for `longer`, whatever day it starts on: exactly, across units (31 days
/// outlast 1 month from 1 February; 36 months outlast 1095 days).
pub fn never_longer(shorter: Period, longer: Period) -> bool {
    match (
        in_days(shorter),
        in_days(longer),
        in_months(shorter),
        in_months(longer),
    ) {
        (Some(a), Some(b), _, _) => a <= b,
        (_, _, Some(a), Some(b)) => a <= b,
        // Days against months: the days must fit in the shortest stretch
        // those months can be.
        (Some(days), None, None, Some(months)) => {
            month_span(months).is_some_and(|(shortest, _)| days <= shortest)
        }
        // Months against days: the longest stretch must fit in the days.
        (None, Some(days), Some(months), None) => {
            month_span(months).is_some_and(|(_, longest)| longest <= days)
        }
        _ => false,
    }
}

fn in_days(p: Period) -> Option<u64> {
    match p.unit {
        Unit::Days => Some(u64::from(p.amount)),
        Unit::Weeks => Some(u64::from(p.amount) * 7),
        Unit::Months | Unit::Years => None,
    }
}

fn in_months(p: Period) -> Option<u64> {
    match p.unit {
        Unit::Months => Some(u64::from(p.amount)),
        Unit::Years => Some(u64::from(p.amount) * 12),
        Unit::Days | Unit::Weeks => None,
    }
}

/// The fewest and the most days that `months` calendar months (clamped to
/// month ends) can span, over every start day. The Gregorian calendar
/// repeats every 400 years (4,800 months, 146,097 days), so one cycle of
/// start months decides it, and within a month only the first day and the
/// days from the 28th on can clamp differently.
fn month_span(months: u64) -> Option<(u64, u64)> {
    const CYCLE_MONTHS: u64 = 4_800;
    const CYCLE_DAYS: u64 = 146_097;
    let whole = (months / CYCLE_MONTHS).checked_mul(CYCLE_DAYS)?;
    let rest = i64::try_from(months % CYCLE_MONTHS).ok()?;
    let (mut shortest, mut longest) = (i64::MAX, i64::MIN);
    let first = Date::new(2000, 1, 1).ok()?;
    for month in 0..CYCLE_MONTHS as i64 {
        let start_of_month = first
            .checked_add(jiff::Span::new().try_months(month).ok()?)
            .ok()?;
        let last_day = start_of_month.days_in_month();
        for day in [1, 28, 29, 30, 31] {
            if day > last_day {
                continue;
            }
            let start = start_of_month.with().day(day).build().ok()?;
            let end = start
                .checked_add(jiff::Span::new().try_months(rest).ok()?)
                .ok()?;
            let days = i64::from((end - start).get_days());
            shortest = shortest.min(days);
            longest = longest.max(days);
        }
    }
    let shortest = whole.checked_add(u64::try_from(shortest).ok()?)?;
    let longest = whole.checked_add(u64::try_from(longest).ok()?)?;
    Some((shortest, longest))
}

/// Why a well-formed `YYYY-MM-DD` is not in the calendar, in words: "there
/// is no month 13", "February 2026 has no 30th".
/// Whether a text says nothing: empty, or only white space, control
/// characters (NUL) and invisible formatting characters (zero-width spaces
/// and joiners, the byte-order mark, soft hyphens). Such a text is not
/// *present*, and is not a location id.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
            )
    })
}

/// The first separate combining accent in a text (U+0300 to U+036F): `o`
/// followed by U+0308 where a keyboard types `ö`. Texts are compared
/// character by character, so the two spellings differ.
pub(crate) fn combining_accent(text: &str) -> Option<char> {
    text.chars().find(|c| ('\u{0300}'..='\u{036F}').contains(c))
}

/// Why a date written as `YYYY-MM-DD` is not in the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoSuchDate {
    /// A month outside 1 to 12.
    Month(i8),
    /// Day 0.
    DayZero,
    /// A day past the end of its month (January as 0).
    PastMonthEnd { month: usize, year: i16, day: i8 },
}

/// Why `text`, written as `YYYY-MM-DD`, is not in the calendar; `None`
/// when it is, or is not written as one.
pub(crate) fn no_such_date(text: &str) -> Option<NoSuchDate> {
    let year: i16 = text.get(0..4)?.parse().ok()?;
    let month: i8 = text.get(5..7)?.parse().ok()?;
    let day: i8 = text.get(8..10)?.parse().ok()?;
    let Some(index) = usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .filter(|m| *m < 12)
    else {
        return Some(NoSuchDate::Month(month));
    };
    if day == 0 {
        return Some(NoSuchDate::DayZero);
    }
    // Only reached for a day past the end of its month.
    Date::new(year, month, 1)
        .ok()
        .map(|_| NoSuchDate::PastMonthEnd {
            month: index,
            year,
            day,
        })
}

/// What English writes after a day of the month: `st` in `1st`.
pub(crate) fn english_ordinal(day: i8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// [`no_such_date`] in English, for evidence files.
pub(crate) fn why_not_a_date(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    Some(match no_such_date(text)? {
        NoSuchDate::Month(month) => format!("there is no month {month}"),
        NoSuchDate::DayZero => "there is no day 0".into(),
        NoSuchDate::PastMonthEnd { month, year, day } => {
            let name = MONTHS.get(month).copied().unwrap_or_default();
            format!("{name} {year} has no {day}{}", english_ordinal(day))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// The longest period the language allows is longer than the calendar:
    /// no date, no panic.
    #[test]
    fn periods_beyond_the_calendar_give_no_date() {
        let day = Date::new(2026, 11, 30).unwrap();
        for unit in [Unit::Days, Unit::Weeks, Unit::Months, Unit::Years] {
            let period = Period {
                amount: 100_000,
                unit,
            };
            let (later, earlier) = (add(day, period), subtract(day, period));
            if unit == Unit::Years {
                assert_eq!((later, earlier), (None, None));
            }
        }
    }

    #[test]
    fn months_clamp_to_the_end_of_a_shorter_month() {
        let year = Period {
            amount: 12,
            unit: Unit::Months,
        };
        assert_eq!(subtract(d("2028-02-29"), year), Some(d("2027-02-28")));
        assert_eq!(
            add(
                d("2028-02-29"),
                Period {
                    amount: 36,
                    unit: Unit::Months
                }
            ),
            Some(d("2031-02-28"))
        );
        assert_eq!(
            subtract(
                d("2026-03-31"),
                Period {
                    amount: 1,
                    unit: Unit::Months
                }
            ),
            Some(d("2026-02-28"))
        );
    }

    /// `first_outside` is the first as-of date whose window starts after
    /// the date, for every date of four years (two leap days) and
    /// windows of each unit, month ends among them.
    #[test]
    fn first_outside_is_the_first_window_that_starts_after_the_date() {
        let periods = [
            Period {
                amount: 1,
                unit: Unit::Days,
            },
            Period {
                amount: 30,
                unit: Unit::Days,
            },
            Period {
                amount: 2,
                unit: Unit::Weeks,
            },
            Period {
                amount: 1,
                unit: Unit::Months,
            },
            Period {
                amount: 12,
                unit: Unit::Months,
            },
            Period {
                amount: 13,
                unit: Unit::Months,
            },
            Period {
                amount: 1,
                unit: Unit::Years,
            },
            Period {
                amount: 4,
                unit: Unit::Years,
            },
        ];
        for period in periods {
            let mut date = d("2027-01-01");
            while date < d("2031-01-01") {
                let mut day = date;
                while subtract(day, period).unwrap() <= date {
                    day = day.tomorrow().unwrap();
                }
                assert_eq!(first_outside(date, period), Some(day), "{date} {period:?}");
                date = date.tomorrow().unwrap();
            }
        }
        assert_eq!(
            first_outside(d("2027-02-28"), period(1, Unit::Months)),
            Some(d("2027-04-01"))
        );
        assert_eq!(first_outside(d("9999-12-31"), period(1, Unit::Days)), None);
    }

    #[test]
    fn blank_text_includes_nul_and_zero_width_characters() {
        for blank in [
            "",
            "  \t\n",
            "\0\0",
            "\u{200B}\u{FEFF}",
            "\u{2060} \u{00AD}",
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for text in ["a", "\u{200B}x", "ö"] {
            assert!(!is_blank(text), "{text:?}");
        }
    }

    #[test]
    fn percentages_render_without_trailing_zeros() {
        assert_eq!(format_percent(Decimal::new(520, 3)), "52%");
        assert_eq!(format_percent(Decimal::new(7, 1)), "70%");
    }

    fn period(amount: u32, unit: Unit) -> Period {
        Period { amount, unit }
    }

    /// The cases that were compared wrongly with one reference date.
    #[test]
    fn validities_compare_exactly_across_units() {
        use Unit::*;
        assert!(!never_longer(period(31, Days), period(1, Months)));
        assert!(never_longer(period(28, Days), period(1, Months)));
        assert!(never_longer(period(4, Weeks), period(1, Months)));
        assert!(!never_longer(period(5, Weeks), period(1, Months)));
        assert!(!never_longer(period(36, Months), period(1095, Days)));
        assert!(never_longer(period(36, Months), period(1096, Days)));
        assert!(never_longer(period(1, Years), period(12, Months)));
        assert!(never_longer(period(12, Months), period(1, Years)));
        assert!(never_longer(period(100_000, Years), period(100_000, Years)));
        assert!(!never_longer(
            period(100_001, Years),
            period(100_000, Years)
        ));
        assert!(never_longer(
            period(1_200_000, Months),
            period(100_000, Years)
        ));
        assert!(never_longer(period(35, Months), period(1095, Days)));
    }

    /// `never_longer` agrees with the calendar on every day of eight years
    /// (two leap days): accepted periods never end later, refused ones end
    /// later on some day.
    #[test]
    fn validity_comparison_agrees_with_every_day() {
        let start = Date::constant(2023, 1, 1);
        let days: Vec<Date> = (0..8 * 366)
            .filter_map(|n| start.checked_add(jiff::Span::new().days(n)).ok())
            .collect();
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let random = |next: &mut dyn FnMut(u64) -> u64| match next(4) {
            0 => period(1 + next(1200) as u32, Unit::Days),
            1 => period(1 + next(170) as u32, Unit::Weeks),
            2 => period(1 + next(40) as u32, Unit::Months),
            _ => period(1 + next(3) as u32, Unit::Years),
        };
        let mut refused = 0;
        for _ in 0..300 {
            let (a, b) = (random(&mut next), random(&mut next));
            // Near each other, where the comparison is hard.
            let b = match (a.unit, b.unit) {
                (Unit::Days, Unit::Months) => period(a.amount / 30 + next(2) as u32, Unit::Months),
                (Unit::Months, Unit::Days) => period(a.amount * 30 + next(5) as u32, Unit::Days),
                _ => b,
            };
            let later_somewhere = days.iter().any(|&d| add(d, a) > add(d, b));
            assert_eq!(never_longer(a, b), !later_somewhere, "{a} against {b}");
            refused += usize::from(later_somewhere);
        }
        assert!(refused > 50 && refused < 250, "{refused}");
    }
}
