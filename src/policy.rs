//! The attempt policy: after an attempt fails, what next. A pure function of what happened,
//! the attempt number, the clock and a random number; the client performs the step it returns
//! (the shape of quinn-proto's `poll_timeout`: the state machine decides, the driver waits).
//!
//! [`next_step`] is the only place that decides whether a failure is worth another attempt
//! ([`retryable`]) and how long to wait; `EcsError.retryable` is what it said when the call
//! gave up.
//!
//! # Rules, in the order they apply, and the test that covers each
//!
//! | # | When the attempt failed with | Step | Test (`src/policy.rs` unless named) |
//! |---|---|---|---|
//! | 1 | the caller's abort | [`Step::GiveUp`], not retryable | `r1_abort_gives_up` |
//! | 2 | `InvalidTimeStamp.Expired` with a `Date` header, the clock not yet corrected in this call, offset within [`MAX_CLOCK_OFFSET_MS`] (one day) | [`Step::Resign`] with the offset (not counted as an attempt: one corrected retry whatever `maxAttempts` says) | `r2_expired_timestamp_resigns_once`; `tests/client.rs` `corrects_a_skewed_clock_once_and_keeps_the_correction` |
//! | 3 | `InvalidTimeStamp.Expired` whose `Date` is more than a day away (or unreadable, or already corrected) | no correction: the error stands (rule 8) | `r3_clock_correction_is_bounded`; `tests/client.rs` `a_far_off_server_date_is_ignored` |
//! | 4 | `InvalidEniId.NotFound` answering a delete after an attempt whose outcome is unknown (network failure or timeout) | [`Step::AlreadyDone`]: the first attempt deleted it | `r4_not_found_after_unknown_outcome_is_done`; `tests/client.rs` `delete_after_an_unknown_outcome_counts_not_found_as_done` |
//! | 5 | a retryable failure ([`retryable`]: throttling codes (`Throttling`, `Throttling.User`, `Throttling.Api`, `Rejected.Throttling`, any code containing `Throttling`) at any HTTP status, 400 included; `ServiceUnavailable`; `InternalError*`; any 5xx; network failures; attempt timeouts; a cut-off or empty 2xx body; an oversized 5xx body) with attempts left | [`Step::Retry`] | `r5_what_is_retryable`; `tests/client.rs` `retries_retryable_failures_with_fresh_signatures` |
//! | 6 | rule 5, and the answer has a hint | wait the hint: `x-acs-retry-after` (ms) first, else `Retry-After` (seconds or an HTTP date), capped at `maxDelayMs` | `r6_hints_replace_backoff_capped`; `tests/client.rs` `backoff_grows_respects_the_cap_and_the_hint` |
//! | 7 | rule 5 without a hint | full-jitter exponential backoff: `random * min(base * 2^(n-1), maxDelayMs)`, base 100 ms, 500 ms when throttled | `r7_backoff_grows_jittered_and_capped` |
//! | 8 | not retryable (validation, auth, other 4xx, a well-formed body of the wrong shape) | [`Step::GiveUp`], not retryable | `r8_other_failures_give_up` |
//! | 9 | retryable, but `maxAttempts` reached | [`Step::GiveUp`], retryable | `r9_attempts_run_out` |
//! | 10 | retryable, but the wait would end past the call's deadline (a wait for deletion) | [`Step::GiveUp`], retryable | `r10_deadline_stops_retries` |
//!
//! And for a wait for deletion (`waitUntilDeleted`), [`should_redelete`]:
//!
//! | # | When a poll finds the ENI | Step | Test |
//! |---|---|---|---|
//! | 11 | `Deleting` for at least `redeleteAfterMs` (doubling after each re-send) since it was first seen `Deleting` or since the last re-send, fewer than [`MAX_REDELETES`] re-sends so far | send `DeleteNetworkInterface` again (the API's documented fix for an ENI stuck in `Deleting`); its `InvalidEniId.NotFound` means gone | `r11_stuck_in_deleting_is_deleted_again`; `tests/client.rs` `a_stuck_eni_is_deleted_again_and_ends_gone` |
//!
//! Before each [`Step::Retry`] wait the client tells the transport's
//! [`crate::transport::Transport::on_retry`] (`CallOptions.onRetry` in JavaScript) with a
//! [`RetryEvent`].

use crate::error::{Error, ErrorKind};
use crate::time::parse_http_date;
use crate::transport::header;

/// A clock correction larger than this (one day) is ignored: an endpoint must not be able to
/// move the client's clock to any date it likes.
pub const MAX_CLOCK_OFFSET_MS: i64 = 86_400_000;

/// Most re-sends of `DeleteNetworkInterface` during one wait for deletion.
pub const MAX_REDELETES: u32 = 3;
/// Default of `DeleteOptions.redeleteAfterMs`: how long an ENI may stay `Deleting` before the
/// delete is sent again.
pub const DEFAULT_REDELETE_AFTER_MS: u64 = 20_000;

/// Rule 11: whether a wait for deletion sends `DeleteNetworkInterface` again now. `status` is
/// what the last poll found, `deleting_since_ms` when the wait first saw `Deleting` (or last
/// re-sent the delete), `redeletes` how many re-sends there were; the threshold
/// `redelete_after_ms` doubles after each (a backoff), and there are at most [`MAX_REDELETES`].
pub fn should_redelete(
    status: &str,
    deleting_since_ms: Option<i64>,
    now_ms: i64,
    redeletes: u32,
    redelete_after_ms: u64,
) -> bool {
    let Some(since) = deleting_since_ms else {
        return false;
    };
    let threshold = redelete_after_ms.saturating_mul(1u64 << redeletes.min(20));
    status == "Deleting"
        && redeletes < MAX_REDELETES
        && u64::try_from(now_ms.saturating_sub(since)).unwrap_or(0) >= threshold
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

/// What happened in the attempt that failed, and what the call knows so far.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    /// The failure (already decoded: an API error, a decode error, a network failure...).
    pub error: &'a Error,
    /// The answer's headers by lowercase name (empty when no answer arrived).
    pub headers: &'a [(String, String)],
    /// This attempt's number in the call, from 1 (a re-signed attempt after a clock correction
    /// does not count).
    pub number: u32,
    /// Whether an earlier attempt of this call may have reached the server without its answer
    /// reaching us (see [`outcome_unknown`]).
    pub earlier_outcome_unknown: bool,
    /// Whether this call already corrected the clock once.
    pub clock_corrected: bool,
    /// Whether the operation is a delete, for which `InvalidEniId.NotFound` after an attempt of
    /// unknown outcome means the delete happened.
    pub delete: bool,
}

/// The clock, as the policy needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Now, by the host's clock, in ms since the Unix epoch.
    pub now_ms: i64,
    /// No wait may end at or after this instant (a wait for deletion sets it).
    pub deadline_ms: Option<i64>,
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Wait `delay_ms`, then send a freshly signed attempt.
    Retry {
        /// The wait, in ms.
        delay_ms: u64,
        /// Whether the failure was throttling.
        throttled: bool,
    },
    /// Sign again at once with the host clock corrected by `clock_offset_ms`; the attempt does
    /// not count.
    Resign {
        /// How far the host clock is behind the server's, in ms.
        clock_offset_ms: i64,
    },
    /// The delete already happened: succeed with the request ID of this answer.
    AlreadyDone,
    /// Stop with the error.
    GiveUp {
        /// Whether trying again later could succeed (`EcsError.retryable`).
        retryable: bool,
    },
}

/// What the client reports before a backoff wait (`CallOptions.onRetry`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryEvent<'a> {
    /// The number of the attempt that failed, from 1.
    pub attempt: u32,
    /// The failure's code (`Throttling.User`, `ServiceUnavailable`, `NetworkError`, ...).
    pub code: &'a str,
    /// Whether the failure was throttling.
    pub throttled: bool,
    /// The wait before the next attempt, in ms.
    pub delay_ms: u64,
}

impl RetryEvent<'_> {
    /// The event as the JSON object `onRetry` receives:
    /// `{"attempt","code","throttled","delayMs"}`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(80);
        out.push_str("{\"attempt\":");
        crate::text::push_u64(&mut out, u64::from(self.attempt));
        out.push_str(",\"code\":");
        crate::json::write_string(&mut out, self.code);
        out.push_str(",\"throttled\":");
        out.push_str(if self.throttled { "true" } else { "false" });
        out.push_str(",\"delayMs\":");
        crate::text::push_u64(&mut out, self.delay_ms);
        out.push('}');
        out
    }
}

/// The next step after `attempt` failed (the rules of the module doc, in order).
pub fn next_step(policy: &RetryPolicy, attempt: &Attempt<'_>, clock: Clock, random: f64) -> Step {
    let error = attempt.error;
    // Rule 1.
    if error.kind == ErrorKind::Aborted {
        return Step::GiveUp { retryable: false };
    }
    // Rules 2 and 3.
    if error.is_api_code("InvalidTimeStamp.Expired") && !attempt.clock_corrected {
        if let Some(offset) = clock_offset(attempt.headers, clock.now_ms) {
            return Step::Resign {
                clock_offset_ms: offset,
            };
        }
    }
    // Rule 4.
    if attempt.delete
        && attempt.earlier_outcome_unknown
        && error.is_api_code("InvalidEniId.NotFound")
    {
        return Step::AlreadyDone;
    }
    // Rule 8.
    if !retryable(error) {
        return Step::GiveUp { retryable: false };
    }
    // Rule 9.
    if attempt.number >= policy.max_attempts {
        return Step::GiveUp { retryable: true };
    }
    // Rules 6 and 7.
    let throttled = is_throttled(error);
    let hint = retry_hint_ms(attempt.headers, clock.now_ms);
    let delay_ms = policy.delay_ms(attempt.number, throttled, hint, random);
    // Rule 10.
    if let Some(deadline) = clock.deadline_ms {
        if clock
            .now_ms
            .saturating_add(i64::try_from(delay_ms).unwrap_or(i64::MAX))
            >= deadline
        {
            return Step::GiveUp { retryable: true };
        }
    }
    Step::Retry {
        delay_ms,
        throttled,
    }
}

/// Whether another attempt could succeed after `error` (rule 5).
pub fn retryable(error: &Error) -> bool {
    let status = error.http_status.unwrap_or(0);
    match error.kind {
        ErrorKind::Api => is_retryable_api(status, &error.code),
        ErrorKind::Network | ErrorKind::Timeout => error.code != crate::error::codes::WAIT_TIMEOUT,
        // A cut-off or empty body is a transport accident worth another try; a well-formed body
        // of the wrong shape will not get better. 5xx answers are retryable whatever their body.
        ErrorKind::Decode => error.truncated || status >= 500,
        // A provider that failed has its own timeouts and fallbacks; the attempt loop does not retry it.
        ErrorKind::Validation | ErrorKind::Aborted | ErrorKind::Credentials => false,
    }
}

/// Whether an attempt that failed with `error` may have reached the server (its outcome is
/// unknown): a network failure or a timeout.
pub fn outcome_unknown(error: &Error) -> bool {
    matches!(error.kind, ErrorKind::Network | ErrorKind::Timeout)
}

/// Whether an API error answer is worth another attempt.
pub fn is_retryable_api(http_status: u16, code: &str) -> bool {
    is_throttling(code)
        || code == "ServiceUnavailable"
        || code.starts_with("InternalError")
        || http_status >= 500
}

/// Whether an API error code means the caller is being throttled: `Throttling`,
/// `Throttling.User`, `Throttling.Api`, `Rejected.Throttling` and every other code that
/// contains `Throttling`.
pub fn is_throttling(code: &str) -> bool {
    // A byte scan: `str::contains` brings a two-way searcher into the wasm module.
    code.as_bytes().windows(10).any(|w| w == b"Throttling")
}

fn is_throttled(error: &Error) -> bool {
    error.kind == ErrorKind::Api && is_throttling(&error.code)
}

fn find<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The server's retry hint in ms: `x-acs-retry-after` (milliseconds, as the official SDK
/// reads it) first, else `Retry-After` (seconds or an HTTP date).
pub fn retry_hint_ms(headers: &[(String, String)], now_ms: i64) -> Option<u64> {
    find(headers, header::X_ACS_RETRY_AFTER)
        .and_then(parse_millis)
        .or_else(|| find(headers, header::RETRY_AFTER).and_then(|v| parse_retry_after(v, now_ms)))
}

/// How far the host clock is behind the server's `Date`, in ms; `None` without a readable
/// `Date` or when the offset is more than [`MAX_CLOCK_OFFSET_MS`] either way.
pub fn clock_offset(headers: &[(String, String)], now_ms: i64) -> Option<i64> {
    let server = find(headers, header::DATE).and_then(parse_http_date)?;
    // The Date header has whole seconds; aim at the middle of that second.
    let offset = server.saturating_add(500).saturating_sub(now_ms);
    (offset.saturating_abs() <= MAX_CLOCK_OFFSET_MS).then_some(offset)
}

fn parse_millis(value: &str) -> Option<u64> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    crate::json::parse_u64(value)
}

/// Parses a `Retry-After` header (delay in seconds, or an HTTP date) into milliseconds from
/// `now_ms`.
pub fn parse_retry_after(value: &str, now_ms: i64) -> Option<u64> {
    if let Some(seconds) = parse_millis(value) {
        return Some(seconds.saturating_mul(1000));
    }
    parse_http_date(value.trim()).map(|at| u64::try_from(at.saturating_sub(now_ms)).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::codes;

    const NOW: i64 = 1_456_231_584_000; // Tue, 23 Feb 2016 12:46:24 GMT

    fn api(status: u16, code: &str) -> Error {
        let mut e = Error::decode(status, String::new());
        e.kind = ErrorKind::Api;
        e.code = code.to_owned();
        e
    }

    fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn attempt<'a>(error: &'a Error, headers: &'a [(String, String)], number: u32) -> Attempt<'a> {
        Attempt {
            error,
            headers,
            number,
            earlier_outcome_unknown: false,
            clock_corrected: false,
            delete: false,
        }
    }

    const CLOCK: Clock = Clock {
        now_ms: NOW,
        deadline_ms: None,
    };

    fn step(a: &Attempt<'_>) -> Step {
        next_step(&RetryPolicy::default(), a, CLOCK, 0.5)
    }

    #[test]
    fn r1_abort_gives_up() {
        let e = Error::aborted();
        assert_eq!(
            step(&attempt(&e, &[], 1)),
            Step::GiveUp { retryable: false }
        );
    }

    #[test]
    fn r2_expired_timestamp_resigns_once() {
        let e = api(400, "InvalidTimeStamp.Expired");
        // The server is 5 s ahead.
        let headers = h(&[("date", "Tue, 23 Feb 2016 12:46:29 GMT")]);
        let a = attempt(&e, &headers, 1);
        assert_eq!(
            step(&a),
            Step::Resign {
                clock_offset_ms: 5_500
            }
        );
        // Counted attempts do not matter: the first never had a chance.
        let mut late = attempt(&e, &headers, 3);
        assert!(matches!(step(&late), Step::Resign { .. }));
        // Only once per call.
        late.clock_corrected = true;
        assert_eq!(step(&late), Step::GiveUp { retryable: false });
        // No Date header: nothing to correct with.
        assert_eq!(
            step(&attempt(&e, &[], 1)),
            Step::GiveUp { retryable: false }
        );
    }

    #[test]
    fn r3_clock_correction_is_bounded() {
        let e = api(400, "InvalidTimeStamp.Expired");
        for date in [
            "Wed, 24 Feb 2016 12:46:25 GMT", // a day and a second ahead
            "Mon, 22 Feb 2016 12:46:23 GMT", // a day and a second behind
            "Sat, 01 Jan 2050 00:00:00 GMT",
            "not a date",
        ] {
            let headers = h(&[("date", date)]);
            assert_eq!(
                step(&attempt(&e, &headers, 1)),
                Step::GiveUp { retryable: false },
                "{date}"
            );
        }
        // Just within a day either way is corrected.
        let headers = h(&[("date", "Wed, 24 Feb 2016 12:46:23 GMT")]);
        assert_eq!(
            step(&attempt(&e, &headers, 1)),
            Step::Resign {
                clock_offset_ms: MAX_CLOCK_OFFSET_MS - 500
            }
        );
        assert_eq!(
            clock_offset(&h(&[("date", "Mon, 22 Feb 2016 12:46:24 GMT")]), NOW),
            Some(500 - MAX_CLOCK_OFFSET_MS)
        );
    }

    #[test]
    fn r4_not_found_after_unknown_outcome_is_done() {
        let e = api(403, "InvalidEniId.NotFound");
        let mut a = attempt(&e, &[], 2);
        a.delete = true;
        assert_eq!(
            step(&a),
            Step::GiveUp { retryable: false },
            "no unknown outcome before"
        );
        a.earlier_outcome_unknown = true;
        assert_eq!(step(&a), Step::AlreadyDone);
        a.delete = false;
        assert_eq!(
            step(&a),
            Step::GiveUp { retryable: false },
            "only for a delete"
        );
        assert!(outcome_unknown(&Error::network("reset".into())));
        assert!(outcome_unknown(&Error::request_timeout(5)));
        assert!(!outcome_unknown(&api(503, "ServiceUnavailable")));
    }

    #[test]
    fn r5_what_is_retryable() {
        for (status, code) in [
            (400, "Throttling"),
            (400, "Throttling.User"),
            (400, "Throttling.Api"),
            (400, "Rejected.Throttling"),
            (403, "Throttling.Api"),
            (503, "ServiceUnavailable"),
            (500, "InternalError"),
            (502, "BadGateway"),
        ] {
            let e = api(status, code);
            assert!(retryable(&e), "{status} {code}");
            assert!(
                matches!(step(&attempt(&e, &[], 1)), Step::Retry { .. }),
                "{code}"
            );
        }
        assert!(retryable(&Error::network("reset".into())));
        assert!(retryable(&Error::request_timeout(10)));
        let mut cut = Error::decode(200, "truncated".into());
        assert!(!retryable(&cut));
        cut.truncated = true;
        assert!(retryable(&cut));
        assert!(retryable(&Error::decode(502, "html".into())));
        assert!(retryable(&Error::too_large(503, 10)));
        assert!(!retryable(&Error::too_large(200, 10)));
        for code in [
            "Throttling",
            "Throttling.User",
            "Throttling.Api",
            "Rejected.Throttling",
        ] {
            assert!(is_throttling(code), "{code}");
        }
        assert!(!is_throttling("Throttl"));
        assert!(!is_throttling("ServiceUnavailable"));
    }

    #[test]
    fn r6_hints_replace_backoff_capped() {
        let e = api(400, "Throttling.User");
        let retry = |headers: &[(&str, &str)]| {
            let headers = h(headers);
            step(&attempt(&e, &headers, 1))
        };
        assert_eq!(
            retry(&[("x-acs-retry-after", "1500")]),
            Step::Retry {
                delay_ms: 1500,
                throttled: true
            }
        );
        // x-acs-retry-after (ms) wins over Retry-After (s).
        assert_eq!(
            retry(&[("retry-after", "3"), ("x-acs-retry-after", "700")]),
            Step::Retry {
                delay_ms: 700,
                throttled: true
            }
        );
        assert_eq!(
            retry(&[("retry-after", "3")]),
            Step::Retry {
                delay_ms: 3000,
                throttled: true
            }
        );
        assert_eq!(
            retry(&[("Retry-After", "Tue, 23 Feb 2016 12:46:29 GMT")]),
            Step::Retry {
                delay_ms: 5000,
                throttled: true
            }
        );
        // Capped at maxDelayMs.
        assert_eq!(
            retry(&[("x-acs-retry-after", "3600000")]),
            Step::Retry {
                delay_ms: 10_000,
                throttled: true
            }
        );
        // An unreadable hint falls back to the backoff (0.5 of the 500 ms throttling ceiling).
        assert_eq!(
            retry(&[("x-acs-retry-after", "soon"), ("retry-after", "-1")]),
            Step::Retry {
                delay_ms: 250,
                throttled: true
            }
        );
        assert_eq!(parse_retry_after(" 0 ", 0), Some(0));
        assert_eq!(
            parse_retry_after("Tue, 23 Feb 2016 12:46:20 GMT", NOW),
            Some(0)
        );
    }

    #[test]
    fn r7_backoff_grows_jittered_and_capped() {
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
        let e = api(503, "ServiceUnavailable");
        let delays: Vec<Step> = (1..=3)
            .map(|n| next_step(&p, &attempt(&e, &[], n), CLOCK, 0.5))
            .collect();
        assert_eq!(
            delays,
            [50, 100, 200].map(|delay_ms| Step::Retry {
                delay_ms,
                throttled: false
            })
        );
    }

    #[test]
    fn r8_other_failures_give_up() {
        for (status, code) in [
            (400, "SignatureDoesNotMatch"),
            (404, "InvalidAccessKeyId.NotFound"),
            (400, "InvalidParameter"),
            (403, "InvalidEniId.NotFound"),
            (400, "InvalidTimeStamp.Expired"),
            (400, "MissingParameter"),
        ] {
            let e = api(status, code);
            assert!(!retryable(&e), "{code}");
            assert_eq!(
                step(&attempt(&e, &[], 1)),
                Step::GiveUp { retryable: false },
                "{code}"
            );
        }
        let e = Error::validation("pageSize", "bad".into());
        assert_eq!(
            step(&attempt(&e, &[], 1)),
            Step::GiveUp { retryable: false }
        );
        let e = Error::decode(200, "wrong shape".into());
        assert_eq!(
            step(&attempt(&e, &[], 1)),
            Step::GiveUp { retryable: false }
        );
        let mut wait = Error::wait_timeout("still Deleting".into());
        assert_eq!(wait.code, codes::WAIT_TIMEOUT);
        assert!(!retryable(&wait));
        wait.code = codes::REQUEST_TIMEOUT.to_owned();
        assert!(retryable(&wait));
    }

    #[test]
    fn r9_attempts_run_out() {
        let e = api(503, "ServiceUnavailable");
        let p = RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        };
        assert!(matches!(
            next_step(&p, &attempt(&e, &[], 2), CLOCK, 0.5),
            Step::Retry { .. }
        ));
        assert_eq!(
            next_step(&p, &attempt(&e, &[], 3), CLOCK, 0.5),
            Step::GiveUp { retryable: true }
        );
        let once = RetryPolicy {
            max_attempts: 1,
            ..p
        };
        assert_eq!(
            next_step(&once, &attempt(&e, &[], 1), CLOCK, 0.5),
            Step::GiveUp { retryable: true }
        );
    }

    #[test]
    fn r10_deadline_stops_retries() {
        let e = api(503, "ServiceUnavailable");
        let headers = h(&[("retry-after", "2")]);
        let at = |deadline_ms| Clock {
            now_ms: NOW,
            deadline_ms: Some(deadline_ms),
        };
        let p = RetryPolicy::default();
        assert_eq!(
            next_step(&p, &attempt(&e, &headers, 1), at(NOW + 2000), 0.5),
            Step::GiveUp { retryable: true }
        );
        assert_eq!(
            next_step(&p, &attempt(&e, &headers, 1), at(NOW + 2001), 0.5),
            Step::Retry {
                delay_ms: 2000,
                throttled: false
            }
        );
    }

    #[test]
    fn r11_stuck_in_deleting_is_deleted_again() {
        let t0 = NOW;
        // Not before the threshold, then at it.
        assert!(!should_redelete(
            "Deleting",
            Some(t0),
            t0 + 19_999,
            0,
            20_000
        ));
        assert!(should_redelete(
            "Deleting",
            Some(t0),
            t0 + 20_000,
            0,
            20_000
        ));
        // The threshold doubles after each re-send (from the re-send).
        assert!(!should_redelete(
            "Deleting",
            Some(t0),
            t0 + 39_999,
            1,
            20_000
        ));
        assert!(should_redelete(
            "Deleting",
            Some(t0),
            t0 + 40_000,
            1,
            20_000
        ));
        assert!(should_redelete(
            "Deleting",
            Some(t0),
            t0 + 80_000,
            2,
            20_000
        ));
        // Bounded.
        assert!(!should_redelete(
            "Deleting",
            Some(t0),
            t0 + 10_000_000,
            MAX_REDELETES,
            20_000
        ));
        // Only for Deleting, and only once Deleting was seen.
        assert!(!should_redelete(
            "Available",
            Some(t0),
            t0 + 60_000,
            0,
            20_000
        ));
        assert!(!should_redelete("Deleting", None, t0 + 60_000, 0, 20_000));
    }

    #[test]
    fn retry_event_json() {
        let event = RetryEvent {
            attempt: 2,
            code: "Throttling.User",
            throttled: true,
            delay_ms: 1500,
        };
        assert_eq!(
            event.to_json(),
            r#"{"attempt":2,"code":"Throttling.User","throttled":true,"delayMs":1500}"#
        );
    }
}
