//! Dates of pages, answers and replies: `2026-03-02`, `2026-03-02 10:30:00`, or RFC 3339
//! (`2026-03-02T10:30:00+02:00`). Stored in UTC so ordering and feeds are unambiguous.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDateTime);

impl Date {
    /// Parses a date as authors write it; `None` for anything else, including impossible dates
    /// such as `2026-02-30`.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return day.and_hms_opt(0, 0, 0).map(Date);
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
            return Some(Date(dt.with_timezone(&Utc).naive_utc()));
        }
        ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .map(Date)
    }

    pub fn today() -> Date {
        Date(Utc::now().naive_utc())
    }

    /// `2026-03-02`
    pub fn day(&self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    /// `2026-03-02T00:00:00Z`
    pub fn iso(&self) -> String {
        self.0.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// A date as templates see it: the day and its RFC 3339 twin.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DateView {
    pub date: Option<String>,
    pub date_iso: Option<String>,
}

impl From<Option<Date>> for DateView {
    fn from(date: Option<Date>) -> Self {
        DateView {
            date: date.map(|d| d.day()),
            date_iso: date.map(|d| d.iso()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_authors_write() {
        assert_eq!(
            Date::parse("2026-03-02").map(|d| d.iso()).as_deref(),
            Some("2026-03-02T00:00:00Z")
        );
        assert_eq!(
            Date::parse("2026-03-02T10:30:00+02:00")
                .map(|d| d.iso())
                .as_deref(),
            Some("2026-03-02T08:30:00Z")
        );
        assert_eq!(
            Date::parse("2026-03-02 10:30").map(|d| d.day()).as_deref(),
            Some("2026-03-02")
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("March 2nd"), None);
    }
}
