//! Calendar dates as written in sources (`2025-11-25`) and formatted long
//! for readers in their language. Dates never come from the clock or git.

use std::fmt;
use std::str::FromStr;

use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::{FixedCalendarDateTimeFormatter, fieldsets::YMD};
use icu_locale_core::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a date in the form YYYY-MM-DD");
        let mut parts = s.trim().splitn(3, '-');
        let mut next = |len: usize| parts.next().filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).ok_or_else(bad);
        let (y, m, d) = (next(4)?, next(2)?, next(2)?);
        let date = Date { year: y.parse().map_err(|_| bad())?, month: m.parse().map_err(|_| bad())?, day: d.parse().map_err(|_| bad())? };
        IcuDate::try_new_gregorian(date.year, date.month, date.day).map_err(|_| format!("`{s}` is not a real calendar date"))?;
        Ok(date)
    }
}

impl fmt::Display for Date {
    /// ISO 8601, for `datetime` attributes and sitemaps.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub struct DateFormatter(FixedCalendarDateTimeFormatter<Gregorian, YMD>);

impl DateFormatter {
    pub fn new(locale: &Locale) -> Result<Self, String> {
        FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::long())
            .map(DateFormatter)
            .map_err(|e| format!("no date formatting data for `{locale}` ({e})"))
    }

    pub fn format(&self, date: Date) -> String {
        match IcuDate::try_new_gregorian(date.year, date.month, date.day) {
            Ok(d) => self.0.format(&d).to_string(),
            Err(_) => date.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates_and_rejects_others() {
        assert_eq!("2025-11-25".parse::<Date>(), Ok(Date { year: 2025, month: 11, day: 25 }));
        assert!("2025-02-30".parse::<Date>().unwrap_err().contains("not a real calendar date"));
        assert!("25.11.2025".parse::<Date>().is_err());
    }

    #[test]
    fn formats_long_dates_per_language() {
        let date = Date { year: 2025, month: 11, day: 25 };
        let f = |l: &str| DateFormatter::new(&l.parse().unwrap()).unwrap().format(date);
        assert_eq!(f("en-GB"), "25 November 2025");
        assert_eq!(f("en"), "November 25, 2025");
        assert_eq!(f("ru"), "25 ноября 2025\u{202f}г.");
        assert_eq!(f("kk"), "2025\u{202f}ж. 25 қараша");
    }
}
