//! Raw imports: the JavaScript runtime file.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;

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

    /// The message of a thrown value.
    #[wasm_bindgen(js_name = messageOf)]
    pub fn message_of(value: &JsValue) -> String;

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
