//! Wall-clock helpers without a date crate: HTTP dates for cookies and
//! caching headers, and Odoo's "YYYY-MM-DD HH:MM:SS" (UTC) strings.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

pub fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's
/// civil_from_days).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days since 1970-01-01 of a civil date (days_from_civil).
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`
pub fn http_date(unix: i64) -> String {
    let (y, m, d) = civil(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let wd = WEEKDAYS[usize::try_from(unix.div_euclid(86_400).rem_euclid(7)).unwrap_or(0)];
    let mon = MONTHS[usize::try_from(m - 1).unwrap_or(0)];
    format!(
        "{wd}, {d:02} {mon} {y} {:02}:{:02}:{:02} GMT",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Odoo's datetime text for a moment.
pub fn odoo_datetime(unix: i64) -> String {
    let (y, m, d) = civil(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The moment an Odoo datetime text names (UTC).
pub fn parse_odoo_datetime(s: &str) -> Option<i64> {
    let (date, time) = s.split_once(' ')?;
    let mut dp = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, mo, d) = (dp.next()??, dp.next()??, dp.next()??);
    let mut tp = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, mi, se) = (tp.next()??, tp.next()??, tp.next()??);
    Some(days(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        // 2026-11-28 14:48:07 UTC, as in the transcripts' Date headers.
        let t = parse_odoo_datetime("2026-11-28 14:48:07").unwrap();
        assert_eq!(http_date(t), "Sat, 28 Nov 2026 14:48:07 GMT");
        assert_eq!(http_date(t + 604_800), "Sat, 05 Dec 2026 14:48:07 GMT");
        assert_eq!(odoo_datetime(t), "2026-11-28 14:48:07");
        assert_eq!(
            parse_odoo_datetime("2024-02-29 23:59:59")
                .map(odoo_datetime)
                .as_deref(),
            Some("2024-02-29 23:59:59")
        );
        assert_eq!(parse_odoo_datetime("garbage"), None);
    }
}
