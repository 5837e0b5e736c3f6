//! Which failures are retried, and how long to wait before the next attempt.
//!
//! Retried: throttling (any code containing `Throttling`), `ServiceUnavailable`,
//! `InternalError` and every other 5xx, network failures and per-attempt timeouts. Never retried:
//! validation, authentication and every other 4xx. The wait is exponential backoff with full
//! jitter (a uniformly random wait below a ceiling that doubles per failure), from a longer base
//! for throttling, capped; a server `Retry-After` hint replaces it (still capped).

use crate::time::parse_http_date;

/// Whether an API error answer is worth another attempt.
pub fn is_retryable_api(http_status: u16, code: &str) -> bool {
    is_throttling(code)
        || code == "ServiceUnavailable"
        || code.starts_with("InternalError")
        || http_status >= 500
}

/// Whether an API error code means the caller is being throttled.
pub fn is_throttling(code: &str) -> bool {
    // A byte scan: `str::contains` brings a two-way searcher into the wasm module.
    code.as_bytes().windows(10).any(|w| w == b"Throttling")
}

/// How many attempts and how long to wait between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, at least 1 (1 disables retries).
    pub max_attempts: u32,
    /// Ceiling of the first wait after a failure, in ms.
    pub base_delay_ms: u64,
    /// Ceiling of the first wait after throttling, in ms.
    pub throttling_base_delay_ms: u64,
    /// No wait is longer than this, in ms.
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay_ms: 100,
            throttling_base_delay_ms: 500,
            max_delay_ms: 10_000,
        }
    }
}

impl RetryPolicy {
    /// The ceiling of the wait after the `failures`-th consecutive failure (1-based).
    pub fn ceiling_ms(&self, failures: u32, throttled: bool) -> u64 {
        let base = if throttled {
            self.throttling_base_delay_ms
        } else {
            self.base_delay_ms
        };
        let shift = failures.saturating_sub(1).min(30);
        base.saturating_mul(1u64 << shift).min(self.max_delay_ms)
    }

    /// The wait after the `failures`-th consecutive failure: a server hint when there is one,
    /// otherwise `random` (in `[0, 1)`) times the ceiling. Never above `max_delay_ms`.
    pub fn delay_ms(
        &self,
        failures: u32,
        throttled: bool,
        hint_ms: Option<u64>,
        random: f64,
    ) -> u64 {
        if let Some(hint) = hint_ms {
            return hint.min(self.max_delay_ms);
        }
        let ceiling = self.ceiling_ms(failures, throttled) as f64;
        let r = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.5
        };
        (ceiling * r) as u64
    }
}

/// Parses a `Retry-After` header (delay in seconds, or an HTTP date) into milliseconds from
/// `now_ms`.
pub fn parse_retry_after(value: &str, now_ms: i64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok().map(|s| s.saturating_mul(1000));
    }
    parse_http_date(value).map(|at| u64::try_from(at.saturating_sub(now_ms)).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        assert!(is_retryable_api(400, "Throttling.User"));
        assert!(is_retryable_api(400, "Throttling"));
        assert!(is_retryable_api(403, "Throttling.Api"));
        assert!(is_retryable_api(503, "ServiceUnavailable"));
        assert!(is_retryable_api(500, "InternalError"));
        assert!(is_retryable_api(502, "BadGateway"));
        for (s, c) in [
            (400, "SignatureDoesNotMatch"),
            (404, "InvalidAccessKeyId.NotFound"),
            (400, "InvalidParameter"),
            (403, "InvalidEniId.NotFound"),
            (400, "InvalidTimeStamp.Expired"),
            (400, "MissingParameter"),
        ] {
            assert!(!is_retryable_api(s, c), "{c}");
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy {
            max_attempts: 10,
            base_delay_ms: 100,
            throttling_base_delay_ms: 500,
            max_delay_ms: 2000,
        };
        let ceilings: Vec<u64> = (1..=7).map(|n| p.ceiling_ms(n, false)).collect();
        assert_eq!(ceilings, [100, 200, 400, 800, 1600, 2000, 2000]);
        assert_eq!(p.ceiling_ms(1, true), 500);
        assert_eq!(p.ceiling_ms(3, true), 2000);
        assert_eq!(p.ceiling_ms(u32::MAX, true), 2000);
        assert_eq!(p.delay_ms(3, false, None, 0.5), 200);
        assert_eq!(p.delay_ms(3, false, None, 0.0), 0);
        assert!(p.delay_ms(30, false, None, 0.999_999) <= 2000);
        assert_eq!(p.delay_ms(1, false, None, f64::NAN), 50);
    }

    #[test]
    fn hint_replaces_backoff_but_not_the_cap() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_ms(1, true, Some(3000), 0.1), 3000);
        assert_eq!(p.delay_ms(1, true, Some(3_600_000), 0.1), p.max_delay_ms);
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("2", 0), Some(2000));
        assert_eq!(parse_retry_after(" 0 ", 0), Some(0));
        let now = 1_456_231_584_000;
        assert_eq!(
            parse_retry_after("Tue, 23 Feb 2016 12:46:29 GMT", now),
            Some(5000)
        );
        assert_eq!(
            parse_retry_after("Tue, 23 Feb 2016 12:46:20 GMT", now),
            Some(0)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }
}
