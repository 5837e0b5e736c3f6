//! JavaScript values to their JSON form, and Rust errors and results to JavaScript values.

use wasm_bindgen::JsValue;
use zeroize::Zeroizing;

use crate::{msg, Error};

use super::bindings;

/// The JSON form of an argument (`""` for `undefined`), or a validation error naming `field`
/// when it cannot be read (a cycle, a getter that throws). It may hold a secret (the options'
/// credentials, a provider's answer): it is overwritten when dropped.
pub fn json_of(value: &JsValue, field: &str) -> Result<Zeroizing<String>, Error> {
    bindings::to_json(value).map(Zeroizing::new).map_err(|e| {
        Error::validation(
            field,
            msg!(field, " could not be read: ", bindings::message_of(&e)),
        )
    })
}

/// A result as the plain object of `API.md`, built in one step: the core wrote camelCase JSON
/// and `JSON.parse` builds the objects, which is faster than creating them field by field across
/// the boundary.
pub fn json_to_js(json: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(json)
}

/// The `EcsError` for `e`.
pub fn error_to_js(e: Error) -> JsValue {
    bindings::create_error(&e.to_json())
}
