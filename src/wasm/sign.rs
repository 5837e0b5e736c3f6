//! The signing exports' crossing (`rpcSignature`, `signRpcRequest`): arguments in as one flat
//! string and the signed request out as one (`js/sign.js`), the JSON form only for what that
//! path does not take (a wrong type, an unknown key: the JSON reader's errors name the field).

use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::canonical::Method;
use crate::rpc::Signed;
use crate::Error;

use super::bindings;
use super::convert::json_of;

#[wasm_bindgen(module = "/src/wasm/js/sign.js")]
extern "C" {
    /// Makes `rpcSignature`'s arguments in their flat form ready for [`take_args`] and returns
    /// its length in UTF-16 units, or `undefined` for the JSON way.
    #[wasm_bindgen(js_name = signatureArgs)]
    fn signature_args(params: &JsValue, secret: &JsValue, method: &JsValue) -> Option<u32>;

    /// The same for `signRpcRequest`'s arguments, 16 random bytes and the time.
    #[wasm_bindgen(js_name = signRequestArgs)]
    fn sign_request_args(
        request: &JsValue,
        credentials: &JsValue,
        options: &JsValue,
    ) -> Option<u32>;

    /// Writes the flat form as UTF-8 into `into` (a view of wasm memory) and returns the
    /// number of bytes written.
    #[wasm_bindgen(js_name = takeArgs)]
    fn take_args(into: &mut [u8]) -> u32;

    /// The `SignedRequest` object from [`Signed::to_lines`].
    #[wasm_bindgen(js_name = signedRequest)]
    fn signed_request(lines: &str) -> JsValue;
}

/// The flat form `signature_args` or `sign_request_args` prepared, `units` UTF-16 units long.
fn flat_text(units: u32) -> String {
    let mut bytes = vec![0u8; (units as usize).saturating_mul(3)];
    let written = take_args(&mut bytes) as usize;
    bytes.truncate(written);
    // `encodeInto` writes UTF-8; were that ever not so, the wipe still happens.
    String::from_utf8(bytes).unwrap_or_else(|e| {
        let mut bytes = e.into_bytes();
        bytes.zeroize();
        String::new()
    })
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
    if let Some(text) = signature_args(params, secret, method).map(flat_text) {
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
/// `crypto.randomUUID` (or `crypto.getRandomValues` where there is none).
pub fn sign_rpc_request(
    request: &JsValue,
    credentials: &JsValue,
    options: &JsValue,
) -> Result<JsValue, Error> {
    if let Some(text) = sign_request_args(request, credentials, options).map(flat_text) {
        let answer = crate::rpc::sign_flat_arguments(&text, to_js);
        // The secret and the token are the third and fourth fields: wiped, or all of it when
        // the text was not in the flat form.
        wipe_flat(text, answer.is_some().then_some(3));
        if let Some(answer) = answer {
            return answer;
        }
    }
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
    let token = credentials.security_token().is_some();
    crate::rpc::sign_rpc_request_with(&request, &credentials, algorithm, context, |signed| {
        to_js(signed, token)
    })
}

/// The `SignedRequest` object; what held the STS token (`token`) is overwritten.
fn to_js(mut signed: Signed<'_>, token: bool) -> JsValue {
    let mut lines = signed.to_lines();
    let answer = signed_request(&lines);
    if token {
        lines.zeroize();
        signed.wipe();
    }
    answer
}
