//! When to refresh credentials that expire: pure decisions over times passed in, no clock read
//! and no I/O (the providers in `src/wasm/js/credentials.js` own fetching and caching).
//!
//! A provider that got temporary credentials (STS, the instance metadata service, a credentials
//! URI) keeps them as a [`Lease`]: the local time after which it should fetch new ones, and the
//! local time after which the old ones are no longer used. Three inputs decide both:
//!
//! - the credentials' `Expiration` (ISO 8601 UTC, by the issuer's clock);
//! - the issuer's `Date` header, when the answer had one: the difference to the local clock at
//!   receipt is the clock skew, so a local clock that runs late does not keep credentials the
//!   issuer already considers expired (the header has one-second resolution, so the server is
//!   assumed to be up to a second later than it says);
//! - the lifetime: the refresh window is [`REFRESH_WINDOW_MS`] (the official SDK's stale time,
//!   15 minutes) but at most half the lifetime, so a 15-minute STS credential is used for
//!   7.5 minutes instead of being stale on arrival; the last [`EXPIRY_MARGIN_MS`] (at most a
//!   tenth of the lifetime) are not used at all, so a signed request still arrives in time.
//!
//! [`next_step`] then says what a caller does with what is cached, and [`retry_not_before`]
//! how long a provider keeps using a still-valid credential after a refresh failed before it
//! tries again.

/// Credentials are refreshed this long before they expire (or at half their lifetime, when
/// that is sooner).
pub const REFRESH_WINDOW_MS: i64 = 15 * 60 * 1000;

/// Credentials are not used in the last 30 s before they expire (or the last tenth of their
/// lifetime, when that is shorter).
pub const EXPIRY_MARGIN_MS: i64 = 30 * 1000;

/// First wait after a failed refresh while the cached credentials are still valid.
pub const FIRST_RETRY_MS: i64 = 1000;

/// Longest wait between refresh attempts while the cached credentials are still valid.
pub const MAX_RETRY_MS: i64 = 60 * 1000;

/// When cached temporary credentials should be refreshed and when they stop being used, by
/// the local clock, in milliseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lease {
    /// From this instant on, a caller fetches new credentials (and keeps these if that fails).
    pub refresh_at_ms: i64,
    /// From this instant on, these credentials are not used any more.
    pub expires_at_ms: i64,
}

/// What is cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cached {
    /// Nothing yet (or nothing usable).
    Nothing,
    /// Credentials without an expiration (an AccessKey pair): used until the process ends.
    Forever,
    /// Temporary credentials.
    Until(Lease),
}

/// What a caller of a caching provider does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Return the cached credentials.
    Use,
    /// Fetch new credentials; if that fails, return the cached ones (still valid).
    RefreshOrUse,
    /// Fetch new credentials; if that fails, fail (nothing valid is cached).
    Refresh,
}

impl Step {
    /// The name the JavaScript providers switch on.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Use => "use",
            Step::RefreshOrUse => "refreshOrUse",
            Step::Refresh => "refresh",
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(bytes: &[u8], from: usize, len: usize) -> Option<i64> {
    let part = bytes.get(from..from + len)?;
    part.iter().try_fold(0i64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
    })
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses an `Expiration` as STS and the metadata service write it, `2026-11-30T12:00:00Z`,
/// optionally with a fraction of a second (`2026-11-30T12:00:00.123Z`), into milliseconds since
/// the Unix epoch. `None` for anything else (no offsets other than `Z`, no out-of-range fields).
pub fn parse_expiration(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let sep = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-') && sep(10, b'T') && sep(13, b':') && sep(16, b':')) {
        return None;
    }
    let (y, mo, d) = (digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?);
    let (h, mi, s) = (digits(b, 11, 2)?, digits(b, 14, 2)?, digits(b, 17, 2)?);
    let ms = match b.get(19..)? {
        [b'Z'] => 0,
        [b'.', rest @ .., b'Z'] if (1..=9).contains(&rest.len()) => {
            let first3 = digits(rest, 0, rest.len().min(3))?;
            digits(rest, 0, rest.len())?;
            first3 * 10i64.pow(3 - rest.len().min(3) as u32)
        }
        _ => return None,
    };
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59 {
        return None;
    }
    Some((days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s) * 1000 + ms)
}

/// The lease of credentials that expire at `expiration_ms` by their issuer's clock, received
/// at `received_at_ms` by the local clock, from an answer whose `Date` header said
/// `server_date_ms` (when it had one).
pub fn lease(expiration_ms: i64, received_at_ms: i64, server_date_ms: Option<i64>) -> Lease {
    // How far the issuer's clock is ahead of ours; the Date header is truncated to the second.
    let skew = server_date_ms.map_or(0, |date| {
        date.saturating_add(999).saturating_sub(received_at_ms)
    });
    let expires_local = expiration_ms.saturating_sub(skew);
    let lifetime = expires_local.saturating_sub(received_at_ms).max(0);
    let expires_at_ms = expires_local.saturating_sub(EXPIRY_MARGIN_MS.min(lifetime / 10));
    let refresh_at_ms = expires_local
        .saturating_sub(REFRESH_WINDOW_MS.min(lifetime / 2))
        .min(expires_at_ms);
    Lease {
        refresh_at_ms,
        expires_at_ms,
    }
}

/// What a caller does at `now_ms` with what is cached. `retry_not_before_ms` is when the last
/// failed refresh allows the next attempt (0 when there was none): until then, still-valid
/// credentials are used without asking again, so a metadata service that is down does not
/// cost its timeout on every call.
pub fn next_step(cached: Cached, now_ms: i64, retry_not_before_ms: i64) -> Step {
    match cached {
        Cached::Nothing => Step::Refresh,
        Cached::Forever => Step::Use,
        Cached::Until(lease) if now_ms >= lease.expires_at_ms => Step::Refresh,
        Cached::Until(lease) if now_ms >= lease.refresh_at_ms && now_ms >= retry_not_before_ms => {
            Step::RefreshOrUse
        }
        Cached::Until(_) => Step::Use,
    }
}

/// After the `failures`-th failed refresh in a row (1 for the first) at `now_ms`, while `lease`
/// is still valid: the earliest next attempt. The wait doubles from [`FIRST_RETRY_MS`] up to
/// [`MAX_RETRY_MS`], with jitter (`random` in `[0, 1)`: between half and all of it), and never
/// goes past the lease's end, where a refresh is needed anyway.
pub fn retry_not_before(now_ms: i64, failures: u32, random: f64, lease: Lease) -> i64 {
    let doublings = failures.saturating_sub(1).min(16);
    let ceiling = FIRST_RETRY_MS
        .saturating_mul(1i64 << doublings)
        .min(MAX_RETRY_MS);
    let random = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let wait = ceiling / 2 + (((ceiling / 2) as f64) * random) as i64;
    now_ms.saturating_add(wait).min(lease.expires_at_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_796_040_000_000; // 2026-11-30T12:00:00Z

    #[test]
    fn parses_expirations_as_sts_writes_them() {
        assert_eq!(parse_expiration("2026-11-30T12:00:00Z"), Some(T0));
        assert_eq!(parse_expiration("2026-11-30T12:00:00.5Z"), Some(T0 + 500));
        assert_eq!(parse_expiration("2026-11-30T12:00:00.117Z"), Some(T0 + 117));
        assert_eq!(
            parse_expiration("2026-11-30T12:00:00.117999Z"),
            Some(T0 + 117)
        );
        assert_eq!(parse_expiration("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_expiration("2024-02-29T23:59:59Z"),
            Some(1_709_251_199_000)
        );
    }

    #[test]
    fn refuses_what_is_not_an_utc_timestamp() {
        for bad in [
            "",
            "2026-11-30",
            "2026-11-30T12:00:00",
            "2026-11-30T12:00:00+08:00",
            "2026-11-30 12:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-11-31T00:00:00Z",
            "2026-11-30T24:00:00Z",
            "2026-11-30T12:60:00Z",
            "2026-11-30T12:00:60Z",
            "2026-11-30T12:00:00.Z",
            "2026-11-30T12:00:00.1234567890Z",
            "2026-11-30T12:00:00.12aZ",
            "+026-11-30T12:00:00Z",
            "２026-11-30T12:00:00Z",
            "2026-11-30T12:00:00ZZ",
        ] {
            assert_eq!(parse_expiration(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_hour_long_credential_is_refreshed_fifteen_minutes_early() {
        let l = lease(T0 + 3_600_000, T0, None);
        assert_eq!(l.refresh_at_ms, T0 + 45 * 60_000);
        assert_eq!(l.expires_at_ms, T0 + 3_600_000 - 30_000);
    }

    #[test]
    fn a_short_credential_is_refreshed_at_half_its_lifetime() {
        // 15 minutes (STS's minimum): not stale on arrival.
        let l = lease(T0 + 900_000, T0, None);
        assert_eq!(l.refresh_at_ms, T0 + 450_000);
        assert_eq!(l.expires_at_ms, T0 + 870_000);
        // 3 seconds: refreshed after 1.5 s, unused in the last 0.3 s.
        let l = lease(T0 + 3000, T0, None);
        assert_eq!(l.refresh_at_ms, T0 + 1500);
        assert_eq!(l.expires_at_ms, T0 + 2700);
    }

    #[test]
    fn the_issuers_clock_decides_when_it_expires() {
        // The issuer's clock is 10 minutes ahead: the credential expires 10 minutes earlier by ours.
        let ahead = 600_000;
        let l = lease(T0 + ahead + 3_600_000, T0, Some(T0 + ahead));
        assert_eq!(l.expires_at_ms, T0 + 3_600_000 - 999 - 30_000);
        assert_eq!(l.refresh_at_ms, T0 + 2_700_000 - 999);
        // Behind by 10 minutes: we may keep it 10 minutes longer by our clock.
        let l = lease(T0 - ahead + 3_600_000, T0, Some(T0 - ahead));
        assert_eq!(l.refresh_at_ms, T0 + 2_700_000 - 999);
        // Without a Date header the local clock is trusted.
        let l = lease(T0 + 3_600_000, T0, None);
        assert_eq!(l.refresh_at_ms, T0 + 2_700_000);
    }

    #[test]
    fn an_already_expired_credential_is_never_used() {
        let l = lease(T0 - 1000, T0, None);
        assert!(l.expires_at_ms <= T0);
        assert_eq!(next_step(Cached::Until(l), T0, 0), Step::Refresh);
        // Expired by the issuer's clock although not by ours.
        let l = lease(T0 + 60_000, T0, Some(T0 + 120_000));
        assert_eq!(next_step(Cached::Until(l), T0, 0), Step::Refresh);
    }

    #[test]
    fn steps_follow_the_lease() {
        let l = lease(T0 + 3_600_000, T0, None);
        let at = |now, retry| next_step(Cached::Until(l), now, retry);
        assert_eq!(next_step(Cached::Nothing, T0, 0), Step::Refresh);
        assert_eq!(next_step(Cached::Forever, i64::MAX, 0), Step::Use);
        assert_eq!(at(T0, 0), Step::Use);
        assert_eq!(at(l.refresh_at_ms - 1, 0), Step::Use);
        assert_eq!(at(l.refresh_at_ms, 0), Step::RefreshOrUse);
        assert_eq!(at(l.expires_at_ms - 1, 0), Step::RefreshOrUse);
        assert_eq!(at(l.expires_at_ms, 0), Step::Refresh);
        // After a failed refresh: used as they are until the retry time, then tried again.
        let retry = l.refresh_at_ms + 5000;
        assert_eq!(at(l.refresh_at_ms + 10, retry), Step::Use);
        assert_eq!(at(retry, retry), Step::RefreshOrUse);
        // The retry time never keeps expired credentials.
        assert_eq!(at(l.expires_at_ms, i64::MAX), Step::Refresh);
    }

    #[test]
    fn retries_back_off_within_the_lease() {
        let l = lease(T0 + 3_600_000, T0, None);
        let now = l.refresh_at_ms;
        assert_eq!(retry_not_before(now, 1, 0.0, l), now + 500);
        assert_eq!(retry_not_before(now, 1, 0.999_999, l), now + 999);
        assert_eq!(retry_not_before(now, 2, 0.0, l), now + 1000);
        assert_eq!(retry_not_before(now, 4, 0.0, l), now + 4000);
        assert_eq!(retry_not_before(now, 40, 1.0, l), now + MAX_RETRY_MS);
        assert_eq!(retry_not_before(now, u32::MAX, f64::NAN, l), now + 30_000);
        assert_eq!(retry_not_before(now, 0, -5.0, l), now + 500);
        // Never past the lease's end.
        let late = l.expires_at_ms - 100;
        assert_eq!(retry_not_before(late, 10, 0.5, l), l.expires_at_ms);
    }

    #[test]
    fn extreme_times_do_not_overflow() {
        for (exp, rx, date) in [
            (i64::MAX, i64::MIN, Some(i64::MAX)),
            (i64::MIN, i64::MAX, Some(i64::MIN)),
            (0, 0, None),
        ] {
            let l = lease(exp, rx, date);
            assert!(l.refresh_at_ms <= l.expires_at_ms);
            let _ = next_step(Cached::Until(l), rx, 0);
            let _ = retry_not_before(rx, 3, 0.5, l);
        }
    }
}
