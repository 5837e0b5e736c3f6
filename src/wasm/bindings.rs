//! Raw imports: the JavaScript runtime file, and the few globals used directly.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/js/runtime.js")]
extern "C" {
    /// `new EcsError(message, {...})`.
    #[wasm_bindgen(js_name = createError)]
    pub fn create_error(
        message: &str,
        kind: &str,
        code: &str,
        http_status: Option<u16>,
        request_id: Option<String>,
        host_id: Option<String>,
        recommend: Option<String>,
        field: Option<String>,
        retryable: bool,
        attempts: u32,
    ) -> JsValue;

    /// One GET; resolves `[status, body, date, retryAfter]`, rejects `[kind, message, status]`.
    pub fn send(
        fetch: &JsValue,
        url: &str,
        timeout_ms: f64,
        signal: &JsValue,
        max_bytes: f64,
    ) -> Promise;

    /// Waits; rejects when the signal fires.
    pub fn sleep(ms: f64, signal: &JsValue) -> Promise;

    /// 16 secure random bytes.
    #[wasm_bindgen(js_name = randomBytes)]
    pub fn random_bytes() -> Uint8Array;

    /// Duck-typed AbortSignal check (works across realms and polyfills).
    #[wasm_bindgen(js_name = isAbortSignal)]
    pub fn is_abort_signal(value: &JsValue) -> bool;

    /// Wraps a Rust page cursor into the async-iterable paginator.
    #[wasm_bindgen(js_name = createPaginator)]
    pub fn create_paginator(cursor: JsValue) -> JsValue;
}
