//! Dates of pages, answers and replies: `2026-03-02`, `2026-03-02 10:30:00`, or RFC 3339
//! (`2026-03-02T10:30:00+02:00`). Stored in UTC so ordering and feeds are unambiguous. A date
//! written under a key of a YAML fragment comes out as a `Date`, or as a diagnostic positioned
//! at that key, the same for pages, answers and replies.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Source};
use crate::frontmatter::Fragment;

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
        match self.four_digit_year() {
            Some(year) => format!("{year:04}-{:02}-{:02}", self.0.month(), self.0.day()),
            None => self.0.format("%Y-%m-%d").to_string(),
        }
    }

    /// Year, month (1-12) and day of the month.
    pub fn parts(&self) -> (i32, u32, u32) {
        (self.0.year(), self.0.month(), self.0.day())
    }

    /// `2026-03-02T00:00:00Z`
    pub fn iso(&self) -> String {
        let time = self.0.time();
        let (hour, minute, second) = (time.hour(), time.minute(), time.second());
        format!("{}T{hour:02}:{minute:02}:{second:02}Z", self.day())
    }

    /// The year, when chrono's `%Y` writes it as four plain digits: listings format every
    /// page's date, and `format!` is several times cheaper than parsing a strftime string.
    fn four_digit_year(&self) -> Option<i32> {
        Some(self.0.year()).filter(|year| (0..=9999).contains(year))
    }
}

/// Parses the date written under `key` (`date`, `updated`) in a fragment, positioned at the key
/// on failure; `None` when the key is not written.
pub(crate) fn checked_date(
    source: &Source,
    fragment: &Fragment,
    key: &str,
    date: Option<&str>,
) -> Result<Option<Date>, Diagnostic> {
    let Some(text) = date else { return Ok(None) };
    Date::parse(text).map(Some).ok_or_else(|| {
        source
            .error(fragment.key_position(key), format!("invalid date `{text}`"))
            .with_code("F0109")
            .with_help("write dates as YYYY-MM-DD, or RFC 3339 such as 2026-03-02T10:00:00Z")
    })
}

/// A date as templates see it: the day and its RFC 3339 twin.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DateView {
    pub date: Option<String>,
    pub date_iso: Option<String>,
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
    fn formats_like_strftime() {
        for text in [
            "2026-03-02T10:30:07Z",
            "0001-01-01",
            "9999-12-31 23:59:59",
            "0999-07-04",
        ] {
            let date = Date::parse(text).unwrap();
            assert_eq!(date.day(), date.0.format("%Y-%m-%d").to_string());
            assert_eq!(date.iso(), date.0.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
        let far = Date(
            NaiveDate::from_ymd_opt(12026, 1, 2)
                .unwrap()
                .and_hms_opt(3, 4, 5)
                .unwrap(),
        );
        assert_eq!(far.day(), "+12026-01-02");
        assert_eq!(far.iso(), far.0.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("March 2nd"), None);
    }

    #[test]
    fn checked_dates_point_at_their_key() {
        let text = "---\ntitle: T\ndate: 2026-03-02\nupdated: 2026-02-30\n---\n";
        let source = Source::new(std::path::Path::new("content/a.md"), text);
        let fragment = Fragment {
            yaml: "title: T\ndate: 2026-03-02\nupdated: 2026-02-30\n",
            first_line: 2,
            marker_line: 1,
            what: "front matter",
            known_keys: &[],
        };
        let date = checked_date(&source, &fragment, "date", Some("2026-03-02"));
        assert_eq!(date, Ok(Date::parse("2026-03-02")));
        assert_eq!(checked_date(&source, &fragment, "date", None), Ok(None));
        let Err(error) = checked_date(&source, &fragment, "updated", Some("2026-02-30")) else {
            panic!("2026-02-30 is not a date");
        };
        assert_eq!(
            error.to_string(),
            "content/a.md:4:10: error[F0109]: invalid date `2026-02-30`
  |
4 | updated: 2026-02-30
  |          ^
  = help: write dates as YYYY-MM-DD, or RFC 3339 such as 2026-03-02T10:00:00Z"
        );
    }
}
