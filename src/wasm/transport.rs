//! [`Transport`] over `fetch`, `setTimeout`, `Date.now()` and `crypto.getRandomValues`.

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::client::Client;
use crate::policy::RetryEvent;
use crate::transport::{HttpRequest, HttpResponse, Transport, TransportError, RESPONSE_HEADERS};
use crate::{Credentials, Error};

use super::bindings::{self, Failure, FailureKind, FetchAnswer};
use super::convert::{json_of, json_to_js};

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

/// What one call adds to the client: its AbortSignal and its `onRetry` observer (each
/// `undefined` when not given).
#[derive(Clone)]
pub struct CallHooks {
    pub signal: JsValue,
    pub on_retry: JsValue,
    /// `errorIfCapped`: reject a listing that reached ECS's cap instead of flagging it.
    pub error_if_capped: bool,
}

/// The transport of one call: the shared client state plus that call's hooks.
pub struct JsTransport<'a> {
    pub shared: &'a Shared,
    pub hooks: &'a CallHooks,
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

    async fn send(&self, mut request: HttpRequest) -> Result<HttpResponse, TransportError> {
        // The request and its JSON may carry the STS token: both are wiped once handed over.
        let json = request.to_json();
        request.wipe();
        let request = json_to_js(&json)
            .map_err(|_| TransportError::Network("the request could not be prepared".to_owned()))?;
        drop(json);
        let promise = bindings::send(
            &self.shared.fetch,
            &request,
            &self.hooks.signal,
            MAX_BODY_BYTES as f64,
        );
        match JsFuture::from(promise).await {
            Ok(value) => {
                let answer: FetchAnswer = value.unchecked_into();
                let status = answer.status();
                let js_headers = answer.headers();
                let mut headers = Vec::new();
                if js_headers.is_object() {
                    for name in RESPONSE_HEADERS {
                        if let Some(v) = bindings::member(&js_headers, name).as_string() {
                            headers.push((name.to_owned(), v));
                        }
                    }
                }
                Ok(HttpResponse {
                    status: if (0.0..=999.0).contains(&status) {
                        status as u16
                    } else {
                        0
                    },
                    body: answer.body().to_vec(),
                    headers,
                })
            }
            Err(reason) => Err(failure_of(reason)),
        }
    }

    async fn sleep(&self, ms: u64) -> Result<(), TransportError> {
        JsFuture::from(bindings::sleep(ms as f64, &self.hooks.signal))
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

    /// Calls `onRetry` with the event object; what it throws or returns is ignored.
    fn on_retry(&self, event: &RetryEvent<'_>) {
        if let Some(observer) = self.hooks.on_retry.dyn_ref::<Function>() {
            if let Ok(event) = json_to_js(&event.to_json()) {
                let _ = observer.call1(&JsValue::UNDEFINED, &event);
            }
        }
    }
}

/// The [`TransportError`] of what `send` or `sleep` rejected with (a `Failure` object; anything
/// else is a network failure described by its message).
fn failure_of(reason: JsValue) -> TransportError {
    if !reason.is_object() {
        return TransportError::Network(bindings::message_of(&reason));
    }
    let failure: Failure = reason.unchecked_into();
    match failure.kind() {
        FailureKind::Aborted => TransportError::Aborted,
        FailureKind::Timeout => TransportError::Timeout,
        FailureKind::TooLarge => TransportError::TooLarge {
            status: failure.status() as u16,
            limit: MAX_BODY_BYTES,
        },
        _ => TransportError::Network(
            failure
                .message()
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "fetch failed".to_owned()),
        ),
    }
}
