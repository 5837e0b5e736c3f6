//! The refresh decisions of [`crate::credentials`] for the JavaScript providers
//! (`js/credentials.js`). Internal exports: the package does not re-export them.
//!
//! A lease crosses the boundary as `{ refreshAtMs, expiresAtMs }`; `undefined` means nothing is
//! cached and `null` credentials that never expire.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::credentials::{self, Cached, Lease};
use crate::time::parse_http_date;
use crate::{msg, Error};

use super::convert::error_to_js;

fn ms(value: f64) -> i64 {
    // `as` saturates and maps NaN to 0.
    value as i64
}

fn lease_of(value: &JsValue) -> Option<Lease> {
    let field = |name: &str| Reflect::get(value, &JsValue::from_str(name)).ok()?.as_f64();
    Some(Lease {
        refresh_at_ms: ms(field("refreshAtMs")?),
        expires_at_ms: ms(field("expiresAtMs")?),
    })
}

fn cached_of(value: &JsValue) -> Cached {
    if value.is_undefined() {
        Cached::Nothing
    } else if value.is_null() {
        Cached::Forever
    } else {
        lease_of(value).map_or(Cached::Nothing, Cached::Until)
    }
}

/// `credentialsLease(expiration, receivedAtMs, date)`: the lease of credentials that expire at
/// `expiration` (ISO 8601 UTC), received at `receivedAtMs` in an answer whose `Date` header was
/// `date` (or `null`). Throws an `EcsError` of kind `credentials` for a malformed expiration.
#[wasm_bindgen(js_name = credentialsLease, skip_typescript)]
pub fn credentials_lease(
    expiration: &str,
    received_at_ms: f64,
    date: Option<String>,
) -> Result<JsValue, JsValue> {
    let Some(expires) = credentials::parse_expiration(expiration) else {
        let shown: String = expiration.chars().take(40).collect();
        return Err(error_to_js(Error::credentials(msg!(
            "Expiration must be an ISO 8601 UTC time such as 2026-11-30T12:00:00Z, got \"",
            shown,
            "\""
        ))));
    };
    let server_date = date.as_deref().and_then(parse_http_date);
    let lease = credentials::lease(expires, ms(received_at_ms), server_date);
    let out = Object::new();
    Reflect::set(
        &out,
        &"refreshAtMs".into(),
        &(lease.refresh_at_ms as f64).into(),
    )?;
    Reflect::set(
        &out,
        &"expiresAtMs".into(),
        &(lease.expires_at_ms as f64).into(),
    )?;
    Ok(out.into())
}

/// `credentialsStep(lease, nowMs, retryNotBeforeMs)`: `"use"`, `"refreshOrUse"` or `"refresh"`.
#[wasm_bindgen(js_name = credentialsStep, skip_typescript)]
pub fn credentials_step(lease: JsValue, now_ms: f64, retry_not_before_ms: f64) -> String {
    credentials::next_step(cached_of(&lease), ms(now_ms), ms(retry_not_before_ms))
        .as_str()
        .to_owned()
}

/// `credentialsRetryAt(lease, nowMs, failures, random)`: when to try again after the
/// `failures`-th failed refresh in a row while `lease` is still valid.
#[wasm_bindgen(js_name = credentialsRetryAt, skip_typescript)]
pub fn credentials_retry_at(lease: JsValue, now_ms: f64, failures: u32, random: f64) -> f64 {
    match lease_of(&lease) {
        Some(lease) => credentials::retry_not_before(ms(now_ms), failures, random, lease) as f64,
        None => now_ms,
    }
}
