//! The calendar of lapses as iCalendar (RFC 5545), for the agenda of a
//! school or a municipality: each lapse of a criterion that passes now,
//! and each change of the verdict, an all-day event with a reminder
//! ahead of it. Written by the `icalendar` crate (escaping, folding at 75
//! octets, CRLF).
//!
//! **No clock, no chance.** Every event's `UID` is made of the location,
//! the criterion and the date, and its `DTSTAMP` is the location's as-of
//! date, so the same evidence gives the same file, byte for byte, and an
//! agenda that imports it again updates its events instead of doubling
//! them.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Alarm, Component, Event, EventLike, Trigger};
use jiff::civil::Date;

use super::calendar::{because_words, criterion_name, standing_word, verdict_in_sentence};
use super::location_title;
use crate::calendar::Calendar;
use crate::compile::Framework;
use crate::outcome::Status;
use crate::terms::Language;
use crate::words::{fill, words};

/// How many days ahead of a lapse the agenda reminds.
pub const REMINDER_DAYS: i64 = 30;

/// The calendars of locations as one iCalendar file.
pub fn calendar_ics(framework: &Framework, calendars: &[Calendar], language: Language) -> String {
    let w = words(language);
    let mut ical = icalendar::Calendar::new();
    ical.name(&fill(w.ics_name, &[("framework", &framework.title)]));
    for c in calendars {
        let location = location_title(&c.location);
        let stamp = midnight(c.as_of).unwrap_or(chrono::DateTime::UNIX_EPOCH);
        for l in &c.criteria {
            let Some(change) = l.changes.as_ref().filter(|_| l.now.status == Status::Pass) else {
                continue;
            };
            let name = criterion_name(framework, &l.id);
            let summary = fill(
                w.ics_summary,
                &[("criterion", &name), ("location", location)],
            );
            let description = fill(
                w.ics_description,
                &[
                    ("title", &name),
                    ("location", location),
                    ("date", &w.date(change.on)),
                    ("now", &w.quote(&standing_word(l.now, c.stage, w))),
                    ("then", &w.quote(&standing_word(change.becomes, c.stage, w))),
                    ("because", &because_words(framework, l, w)),
                    ("owner", &framework.partner_name(&l.owner, language)),
                ],
            );
            let uid = uid(&c.location.id, &l.id, change.on);
            ical.push(event(&uid, stamp, change.on, &summary, &description, w));
        }
        if let Some(change) = &c.verdict_changes {
            let summary = fill(w.ics_verdict_summary, &[("location", location)]);
            let description = fill(
                w.ics_verdict_description,
                &[
                    ("location", location),
                    ("date", &w.date(change.on)),
                    ("now", &w.quote(&verdict_in_sentence(c.verdict, c.stage, w))),
                    (
                        "then",
                        &w.quote(&verdict_in_sentence(change.becomes, c.stage, w)),
                    ),
                ],
            );
            let uid = uid(&c.location.id, "verdict", change.on);
            ical.push(event(&uid, stamp, change.on, &summary, &description, w));
        }
    }
    ical.done().to_string()
}

/// One all-day event with a reminder [`REMINDER_DAYS`] ahead.
fn event(
    uid: &str,
    stamp: chrono::DateTime<Utc>,
    on: Date,
    summary: &str,
    description: &str,
    w: &crate::words::Words,
) -> Event {
    let reminder = fill(
        w.ics_reminder,
        &[("days", &REMINDER_DAYS.to_string()), ("summary", summary)],
    );
    let mut alarm = Alarm::display(
        &reminder,
        Trigger::before_start(chrono::Duration::days(REMINDER_DAYS)),
    );
    // The writer gives every component a stamp and an id of its own when
    // it has none, from the clock and by chance: never here.
    alarm.uid(&uid.replacen('@', "-alarm@", 1));
    alarm.timestamp(stamp);
    let mut event = Event::new();
    event
        .uid(uid)
        .timestamp(stamp)
        .summary(summary)
        .description(description);
    if let Some(day) = NaiveDate::from_ymd_opt(
        i32::from(on.year()),
        u32::try_from(on.month()).unwrap_or(1),
        u32::try_from(on.day()).unwrap_or(1),
    ) {
        // An all-day event ends (exclusively) the next day.
        event.all_day(day);
        if let Some(next) = day.succ_opt() {
            event.ends(next);
        }
    }
    event.alarm(alarm);
    event.done()
}

/// Midnight UTC at the start of a date.
fn midnight(date: Date) -> Option<chrono::DateTime<Utc>> {
    Utc.with_ymd_and_hms(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
        0,
        0,
        0,
    )
    .single()
}

/// A stable id: the location, what changes, and the day, with every
/// character outside letters, digits, `-` and `.` written as `_`.
fn uid(location: &str, what: &str, on: Date) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!("{}-{}-{on}@kader", clean(location), clean(what))
}
