//! [`Transport`] over `fetch`, `setTimeout`, `Date.now()` and `crypto.getRandomValues`.

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::client::Client;
use crate::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use crate::{Credentials, Error};

use super::bindings;
use super::convert::json_of;

/// Largest response body accepted; a 500-ENI page is about 1 MB.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// Where credentials come from.
pub enum CredentialSource {
    /// Fixed, copied into wasm memory at construction (not kept on any JS object).
    Static(Credentials),
    /// Called before every request.
    Provider(Function),
}

/// What one `EcsClient` shares between its calls.
pub struct Shared {
    pub client: Client,
    pub credentials: CredentialSource,
    /// `ClientOptions.fetch`, or `undefined` for `globalThis.fetch` (looked up per request).
    pub fetch: JsValue,
}

/// The transport of one call: the shared client state plus that call's AbortSignal.
pub struct JsTransport<'a> {
    pub shared: &'a Shared,
    pub signal: &'a JsValue,
}

impl Transport for JsTransport<'_> {
    async fn credentials(&self) -> Result<Credentials, Error> {
        match &self.shared.credentials {
            CredentialSource::Static(c) => Ok(c.clone()),
            CredentialSource::Provider(provider) => {
                let returned = provider.call0(&JsValue::UNDEFINED).map_err(|e| {
                    Error::credentials(crate::msg!(
                        "the credentials provider threw: ",
                        bindings::message_of(&e)
                    ))
                })?;
                let value = JsFuture::from(Promise::resolve(&returned))
                    .await
                    .map_err(|e| {
                        Error::credentials(crate::msg!(
                            "the credentials provider rejected: ",
                            bindings::message_of(&e)
                        ))
                    })?;
                let json = json_of(&value, "credentials")?;
                crate::input::credentials(&mut crate::input::Input::new(&json), "credentials")
                    .map_err(|e| {
                        Error::credentials(crate::msg!(
                            "the credentials provider returned ",
                            e.message
                        ))
                    })
            }
        }
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let promise = bindings::send(
            &self.shared.fetch,
            &request.url,
            request.timeout_ms as f64,
            self.signal,
            MAX_BODY_BYTES as f64,
        );
        match JsFuture::from(promise).await {
            Ok(value) => {
                let parts: Array = value.unchecked_into();
                let status = parts.get(0).as_f64().unwrap_or(0.0);
                let body = parts
                    .get(1)
                    .dyn_into::<Uint8Array>()
                    .map(|b| b.to_vec())
                    .unwrap_or_default();
                Ok(HttpResponse {
                    status: if (0.0..=999.0).contains(&status) {
                        status as u16
                    } else {
                        0
                    },
                    body,
                    date: parts.get(2).as_string(),
                    retry_after: parts.get(3).as_string(),
                })
            }
            Err(reason) => {
                let parts = reason.dyn_into::<Array>().unwrap_or_else(|_| Array::new());
                let kind = parts.get(0).as_string().unwrap_or_default();
                Err(match kind.as_str() {
                    "aborted" => TransportError::Aborted,
                    "timeout" => TransportError::Timeout,
                    "tooLarge" => TransportError::TooLarge {
                        status: parts.get(2).as_f64().unwrap_or(0.0) as u16,
                        limit: MAX_BODY_BYTES,
                    },
                    _ => TransportError::Network(
                        parts
                            .get(1)
                            .as_string()
                            .unwrap_or_else(|| "fetch failed".to_owned()),
                    ),
                })
            }
        }
    }

    async fn sleep(&self, ms: u64) -> Result<(), TransportError> {
        JsFuture::from(bindings::sleep(ms as f64, self.signal))
            .await
            .map(|_| ())
            .map_err(|_| TransportError::Aborted)
    }

    fn now_ms(&self) -> i64 {
        js_sys::Date::now() as i64
    }

    fn random_bytes(&self) -> [u8; 16] {
        let mut out = [0u8; 16];
        for (o, b) in out.iter_mut().zip(bindings::random_bytes().to_vec()) {
            *o = b;
        }
        out
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}
