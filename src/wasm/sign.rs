//! The signing exports' crossing (`rpcSignature`, `signRpcRequest`): arguments in as one flat
//! string and the signed request out as one (`js/sign.js`), the JSON form only for what that
//! path does not take (a wrong type, an unknown key: the JSON reader's errors name the field).

use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::canonical::Method;
use crate::rpc::SignedRequest;
use crate::Error;

use super::bindings;
use super::convert::json_of;

#[wasm_bindgen(module = "/src/wasm/js/sign.js")]
extern "C" {
    /// `rpcSignature`'s arguments in their flat form, or `undefined` for the JSON way.
    #[wasm_bindgen(js_name = signatureArgs)]
    fn signature_args(params: &JsValue, secret: &JsValue, method: &JsValue) -> Option<String>;

    /// `signRpcRequest`'s arguments, 16 random bytes and the time in their flat form, or
    /// `undefined` for the JSON way.
    #[wasm_bindgen(js_name = signRequestArgs)]
    fn sign_request_args(
        request: &JsValue,
        credentials: &JsValue,
        options: &JsValue,
    ) -> Option<String>;

    /// The `SignedRequest` object from [`SignedRequest::to_lines`].
    #[wasm_bindgen(js_name = signedRequest)]
    fn signed_request(lines: &str) -> JsValue;
}

/// Overwrites `text` up to its `n`th U+0000 (the credentials come first in the flat forms), or
/// all of it when `n` is `None` or there are fewer separators, then frees it.
fn wipe_flat(text: String, n: Option<usize>) {
    let end = n.and_then(|n| text.bytes().enumerate().filter(|(_, b)| *b == 0).nth(n));
    let mut bytes = text.into_bytes();
    match end.and_then(|(at, _)| bytes.get_mut(..at)) {
        Some(prefix) => prefix.zeroize(),
        None => bytes.zeroize(),
    }
}

/// `rpcSignature(params, accessKeySecret, method)`.
pub fn rpc_signature(
    params: &JsValue,
    secret: &JsValue,
    method: &JsValue,
) -> Result<String, Error> {
    if let Some(text) = signature_args(params, secret, method) {
        let signed = crate::input::flat_fields::<2>(&text).map(|([method, secret], pairs)| {
            let method = if method == "POST" {
                Method::Post
            } else {
                Method::Get
            };
            // A SecurityToken parameter is a secret too: then the whole text is wiped.
            let token = pairs.iter().any(|(name, _)| *name == "SecurityToken");
            let pairs = pairs.into_iter().filter(|(name, _)| *name != "Signature");
            (crate::sign::sign_params(pairs, secret, method), token)
        });
        match signed {
            Some((signature, token)) => {
                wipe_flat(text, (!token).then_some(1));
                return Ok(signature);
            }
            None => wipe_flat(text, None),
        }
    }
    let json = json_of(params, "params")?;
    let pairs = crate::input::string_map(&json, "params")?;
    let secret = secret
        .as_string()
        .map(zeroize::Zeroizing::new)
        .ok_or_else(|| {
            Error::validation(
                "accessKeySecret",
                String::from("accessKeySecret must be a string"),
            )
        })?;
    let method = match method.as_string().as_deref() {
        _ if method.is_undefined() => Method::Get,
        Some("GET") => Method::Get,
        Some("POST") => Method::Post,
        _ => {
            return Err(Error::validation(
                "method",
                String::from("method must be \"GET\" or \"POST\""),
            ))
        }
    };
    Ok(crate::sign::sign_params(
        pairs
            .iter()
            .filter(|(k, _)| k != "Signature")
            .map(|(k, v)| (k.as_ref(), v.as_ref())),
        &secret,
        method,
    ))
}

/// `signRpcRequest(request, credentials, options)`: at `Date.now()` with a nonce from
/// `crypto.getRandomValues`.
pub fn sign_rpc_request(
    request: &JsValue,
    credentials: &JsValue,
    options: &JsValue,
) -> Result<JsValue, Error> {
    let (mut signed, token) = match sign_request_args(request, credentials, options) {
        Some(text) => match crate::rpc::sign_flat_arguments(&text) {
            Some(result) => {
                // The secret and the token are the third and fourth fields.
                wipe_flat(text, Some(3));
                result?
            }
            None => {
                wipe_flat(text, None);
                sign_from_json(request, credentials, options)?
            }
        },
        None => sign_from_json(request, credentials, options)?,
    };
    let mut lines = signed.to_lines();
    let answer = signed_request(&lines);
    if token {
        lines.zeroize();
        signed.wipe();
    }
    Ok(answer)
}

/// The JSON way of [`sign_rpc_request`].
fn sign_from_json(
    request: &JsValue,
    credentials: &JsValue,
    options: &JsValue,
) -> Result<(SignedRequest, bool), Error> {
    let (request, credentials, algorithm) = crate::rpc::read_sign_rpc_arguments(
        &json_of(request, "request")?,
        &json_of(credentials, "credentials")?,
        &json_of(options, "options")?,
    )?;
    let mut bytes = [0u8; 16];
    for (o, b) in bytes.iter_mut().zip(bindings::random_bytes().to_vec()) {
        *o = b;
    }
    let nonce = crate::sign::nonce_from_bytes(bytes);
    let context = crate::sign::SigningContext {
        epoch_ms: js_sys::Date::now() as i64,
        nonce: &nonce,
    };
    let signed = crate::rpc::sign_rpc_request(&request, &credentials, algorithm, context)?;
    Ok((signed, credentials.security_token().is_some()))
}
