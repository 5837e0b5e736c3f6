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

    /// One request whose 2xx answer is a `DescribeNetworkInterfaces` page, decoded on the
    /// JavaScript side (`decode.js`); resolves a [`FetchAnswer`] (with `page` and `summary`,
    /// `shapeError`, or `unparsed` for a 2xx answer), rejects with a [`Failure`].
    #[wasm_bindgen(js_name = sendPage)]
    pub fn send_page(
        fetch: &JsValue,
        request: &JsValue,
        signal: &JsValue,
        max_bytes: f64,
    ) -> Promise;

    /// Waits; rejects with an aborted [`Failure`] when the signal fires.
    pub fn sleep(ms: f64, signal: &JsValue) -> Promise;

    /// What `send` resolves: `{ status, body, headers }`; `sendPage` resolves that for a
    /// non-2xx answer, and for a 2xx one `{ status, page, summary }`,
    /// `{ status, shapeError, body, headers }` (`body`: the first 512 bytes) or
    /// `{ status, unparsed: true, body, headers }`.
    pub type FetchAnswer;
    /// The HTTP status.
    #[wasm_bindgen(method, getter)]
    pub fn status(this: &FetchAnswer) -> f64;
    /// The whole body (absent for a decoded page).
    #[wasm_bindgen(method, getter)]
    pub fn body(this: &FetchAnswer) -> Option<Uint8Array>;
    /// The response headers the client reads, by lowercase name (read with [`member`]).
    #[wasm_bindgen(method, getter)]
    pub fn headers(this: &FetchAnswer) -> JsValue;
    /// The decoded page, as `API.md` gives it (`undefined` unless decoded).
    #[wasm_bindgen(method, getter)]
    pub fn page(this: &FetchAnswer) -> JsValue;
    /// The paging facts of the decoded page.
    #[wasm_bindgen(method, getter)]
    pub fn summary(this: &FetchAnswer) -> Option<PageFacts>;
    /// A 2xx answer that is JSON but not the API's shape.
    #[wasm_bindgen(method, getter, js_name = shapeError)]
    pub fn shape_error(this: &FetchAnswer) -> Option<ShapeError>;
    /// A 2xx answer the JavaScript side could not parse as JSON.
    #[wasm_bindgen(method, getter)]
    pub fn unparsed(this: &FetchAnswer) -> Option<bool>;

    /// The `summary` of a decoded page (`PageSummary` in Rust).
    pub type PageFacts;
    /// `RequestId`.
    #[wasm_bindgen(method, getter, js_name = requestId)]
    pub fn request_id(this: &PageFacts) -> String;
    /// `TotalCount`.
    #[wasm_bindgen(method, getter, js_name = totalCount)]
    pub fn total_count(this: &PageFacts) -> Option<f64>;
    /// `NextToken`.
    #[wasm_bindgen(method, getter, js_name = nextToken)]
    pub fn next_token(this: &PageFacts) -> Option<String>;
    /// How many ENIs the page holds.
    #[wasm_bindgen(method, getter)]
    pub fn count(this: &PageFacts) -> f64;
    /// The first ENI's ID.
    #[wasm_bindgen(method, getter, js_name = firstId)]
    pub fn first_id(this: &PageFacts) -> Option<String>;
    /// The first ENI's status.
    #[wasm_bindgen(method, getter, js_name = firstStatus)]
    pub fn first_status(this: &PageFacts) -> Option<String>;

    /// The `shapeError` of a 2xx answer: `field` is not `expected`.
    pub type ShapeError;
    /// The member (its API name), or `the response`.
    #[wasm_bindgen(method, getter)]
    pub fn field(this: &ShapeError) -> String;
    /// What it should have been.
    #[wasm_bindgen(method, getter)]
    pub fn expected(this: &ShapeError) -> String;

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

#[wasm_bindgen(module = "/src/wasm/js/decode.js")]
extern "C" {
    /// Marks a decoded page as the one where the listing reached ECS's cap (`capped: true`).
    #[wasm_bindgen(js_name = markCapped)]
    pub fn mark_capped(page: &JsValue);
}

#[wasm_bindgen(module = "/src/wasm/js/bulk.js")]
extern "C" {
    /// The async iterator of `deleteNetworkInterfaces` over `client` (a handle sharing this
    /// client's state, freed once the batch is over).
    #[wasm_bindgen(js_name = bulkDelete)]
    pub fn bulk_delete(client: JsValue, ids: &JsValue, options: &JsValue) -> JsValue;
}
