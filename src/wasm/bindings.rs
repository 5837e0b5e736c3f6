//! Raw imports: the JavaScript runtime file.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;

/// Why a request got no answer; `FailureKind` in `runtime.js` holds the same values, and
/// wasm-bindgen maps any other value to `__Invalid`.
#[wasm_bindgen(skip_typescript)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The caller's signal fired.
    Aborted = "aborted",
    /// No answer within the attempt's timeout.
    Timeout = "timeout",
    /// The body is larger than the limit.
    TooLarge = "tooLarge",
    /// `fetch` failed.
    Network = "network",
}

#[wasm_bindgen(module = "/src/wasm/js/runtime.js")]
extern "C" {
    /// `new EcsError(...)` from the JSON of [`crate::Error::to_json`].
    #[wasm_bindgen(js_name = createError)]
    pub fn create_error(json: &str) -> JsValue;

    /// `JSON.stringify(value)` with markers for what JSON cannot carry (`""` for undefined);
    /// throws when the value cannot be read (a cycle, a throwing getter).
    #[wasm_bindgen(js_name = toJson, catch)]
    pub fn to_json(value: &JsValue) -> Result<String, JsValue>;

    /// `value[key]`, for the functions and the signal the JSON form only marks.
    #[wasm_bindgen(js_name = member)]
    pub fn member(value: &JsValue, key: &str) -> JsValue;

    /// One request (`{ method, url, headers, body?, timeoutMs }`); resolves a [`FetchAnswer`],
    /// rejects with a [`Failure`].
    pub fn send(fetch: &JsValue, request: &JsValue, signal: &JsValue, max_bytes: f64) -> Promise;

    /// Waits; rejects with an aborted [`Failure`] when the signal fires.
    pub fn sleep(ms: f64, signal: &JsValue) -> Promise;

    /// What `send` resolves: `{ status, body, headers }`.
    pub type FetchAnswer;
    /// The HTTP status.
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &FetchAnswer) -> f64;
    /// The whole body.
    #[wasm_bindgen(method, getter)]
    pub fn body(this: &FetchAnswer) -> Uint8Array;
    /// Every response header by lowercase name (read with [`member`]).
    #[wasm_bindgen(method, getter)]
    pub fn headers(this: &FetchAnswer) -> JsValue;

    /// What `send` and `sleep` reject with: `{ kind, message, status }`.
    pub type Failure;
    /// Why there was no answer.
    #[wasm_bindgen(method, getter)]
    pub fn kind(this: &Failure) -> FailureKind;
    /// For [`FailureKind::Network`]: what failed (never the URL).
    #[wasm_bindgen(method, getter)]
    pub fn message(this: &Failure) -> Option<String>;
    /// For [`FailureKind::TooLarge`]: the answer's status.
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &Failure) -> f64;

    /// 16 secure random bytes.
    #[wasm_bindgen(js_name = randomBytes)]
    pub fn random_bytes() -> Uint8Array;

    /// The message of a thrown value.
    #[wasm_bindgen(js_name = messageOf)]
    pub fn message_of(value: &JsValue) -> String;

    /// A new `defaultCredentials()` provider, for a client created without credentials.
    #[wasm_bindgen(js_name = defaultCredentialsProvider)]
    pub fn default_credentials() -> JsValue;

    /// Wraps a Rust page cursor into the async-iterable paginator.
    #[wasm_bindgen(js_name = createPaginator)]
    pub fn create_paginator(cursor: JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/src/wasm/js/bulk.js")]
extern "C" {
    /// The async iterator of `deleteNetworkInterfaces` over `client` (a handle sharing this
    /// client's state, freed once the batch is over).
    #[wasm_bindgen(js_name = bulkDelete)]
    pub fn bulk_delete(client: JsValue, ids: &JsValue, options: &JsValue) -> JsValue;
}
