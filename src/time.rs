//! Calendar arithmetic for the two time formats the API uses: the request `Timestamp`
//! (`yyyy-MM-ddTHH:mm:ssZ`, UTC) and the HTTP `Date` header (IMF-fixdate). No clock is read
//! here: callers pass milliseconds since the Unix epoch.

/// Days since 1970-01-01 to a civil date (proleptic Gregorian), after Howard Hinnant's
/// `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A civil date to days since 1970-01-01, after Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn push_2(out: &mut String, v: u32) {
    out.push(char::from(b'0' + (v / 10 % 10) as u8));
    out.push(char::from(b'0' + (v % 10) as u8));
}

/// Formats `epoch_ms` as the API's `Timestamp`: `yyyy-MM-ddTHH:mm:ssZ` in UTC.
///
/// Years outside 0..=9999 are clamped into that range (no clock is that wrong).
pub fn format_timestamp(epoch_ms: i64) -> String {
    let secs = epoch_ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    let (y, m, d) = civil_from_days(days);
    let y = y.clamp(0, 9999) as u32;
    let mut out = String::with_capacity(20);
    push_2(&mut out, y / 100);
    push_2(&mut out, y % 100);
    out.push('-');
    push_2(&mut out, m);
    out.push('-');
    push_2(&mut out, d);
    out.push('T');
    push_2(&mut out, rem / 3600);
    out.push(':');
    push_2(&mut out, rem / 60 % 60);
    out.push(':');
    push_2(&mut out, rem % 60);
    out.push('Z');
    out
}

fn parse_num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses an HTTP date in IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`) into milliseconds
/// since the epoch. Returns `None` for anything else.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let mut parts = s.trim().split_ascii_whitespace();
    let _weekday = parts.next()?;
    let day = parse_num(parts.next()?)?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year = parse_num(parts.next()?)?;
    let mut hms = parts.next()?.split(':');
    let h = parse_num(hms.next()?)?;
    let mi = parse_num(hms.next()?)?;
    let se = parse_num(hms.next()?)?;
    if hms.next().is_some() || parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    if !(1..=31).contains(&day) || h > 23 || mi > 59 || se > 60 || year < 1970 {
        return None;
    }
    let days = days_from_civil(i64::from(year), month, day);
    Some((days * 86_400 + i64::from(h * 3600 + mi * 60 + se)) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_timestamp(1_456_231_584_000), "2016-02-23T12:46:24Z");
        assert_eq!(format_timestamp(1_456_231_584_999), "2016-02-23T12:46:24Z");
        assert_eq!(format_timestamp(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(
            format_timestamp(253_402_300_799_000),
            "9999-12-31T23:59:59Z"
        );
        assert_eq!(format_timestamp(-1000), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn parses_imf_fixdate() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
        assert_eq!(
            parse_http_date("Tue, 23 Feb 2016 12:46:24 GMT"),
            Some(1_456_231_584_000)
        );
        assert_eq!(parse_http_date("Tue, 23 Feb 2016 12:46:24 UTC"), None);
        assert_eq!(parse_http_date("garbage"), None);
        assert_eq!(parse_http_date(""), None);
        assert_eq!(parse_http_date("Tue, 23 Foo 2016 12:46:24 GMT"), None);
        assert_eq!(parse_http_date("Tue, 23 Feb 2016 12:46 GMT"), None);
    }

    #[test]
    fn round_trips_every_day_for_decades() {
        let mut ms = 0i64;
        while ms < 4_102_444_800_000 {
            let ts = format_timestamp(ms);
            // yyyy-MM-ddTHH:mm:ssZ -> IMF-fixdate
            let month = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            let m: usize = ts[5..7].parse().unwrap();
            let http = format!(
                "Mon, {} {} {} {} GMT",
                &ts[8..10],
                month[m - 1],
                &ts[0..4],
                &ts[11..19]
            );
            assert_eq!(parse_http_date(&http), Some(ms), "{ts}");
            ms += 86_400_000 + 3_723_000;
        }
    }
}
