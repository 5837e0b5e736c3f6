//! [`Transport`] over `fetch`, `setTimeout`, `Date.now()` and `crypto.getRandomValues`.

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::client::Client;
use crate::policy::RetryEvent;
use crate::response::{HostPage, PageSummary};
use crate::transport::{
    HttpRequest, HttpResponse, PageAnswer, Transport, TransportError, RESPONSE_HEADERS,
};
use crate::{Credentials, Error};

use super::bindings::{self, Failure, FailureKind, FetchAnswer, PageFacts};
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

    const DECODES_PAGES: bool = true;

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let answer = self.exchange(request, bindings::send).await?;
        Ok(http_response(&answer))
    }

    async fn send_page(&self, request: HttpRequest) -> Result<PageAnswer, TransportError> {
        let answer = self.exchange(request, bindings::send_page).await?;
        let status = status_of(&answer);
        if let Some(facts) = answer.summary() {
            return Ok(PageAnswer::Decoded(HostPage {
                status,
                summary: summary_of(&facts),
                value: Box::new(answer.page()),
            }));
        }
        if let Some(shape) = answer.shape_error() {
            return Ok(PageAnswer::NotShape {
                status,
                head: answer.body().map(|b| b.to_vec()).unwrap_or_default(),
                field: shape.field(),
                expected: shape.expected(),
                headers: headers_of(&answer),
            });
        }
        let response = http_response(&answer);
        Ok(if answer.unparsed() == Some(true) {
            PageAnswer::NotJson(response)
        } else {
            PageAnswer::Http(response)
        })
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

impl JsTransport<'_> {
    /// Hands one request to the JavaScript `send` or `sendPage`. The request and its JSON may
    /// carry the STS token: both are wiped once handed over.
    async fn exchange(
        &self,
        mut request: HttpRequest,
        send: fn(&JsValue, &JsValue, &JsValue, f64) -> Promise,
    ) -> Result<FetchAnswer, TransportError> {
        let json = request.to_json();
        request.wipe();
        let request = json_to_js(&json)
            .map_err(|_| TransportError::Network("the request could not be prepared".to_owned()))?;
        drop(json);
        let promise = send(
            &self.shared.fetch,
            &request,
            &self.hooks.signal,
            MAX_BODY_BYTES as f64,
        );
        match JsFuture::from(promise).await {
            Ok(value) => Ok(value.unchecked_into()),
            Err(reason) => Err(failure_of(reason)),
        }
    }
}

fn status_of(answer: &FetchAnswer) -> u16 {
    let status = answer.status();
    if (0.0..=999.0).contains(&status) {
        status as u16
    } else {
        0
    }
}

/// The headers the client reads ([`RESPONSE_HEADERS`]) of an answer.
fn headers_of(answer: &FetchAnswer) -> Vec<(String, String)> {
    let js_headers = answer.headers();
    let mut headers = Vec::new();
    if js_headers.is_object() {
        for name in RESPONSE_HEADERS {
            if let Some(v) = bindings::member(&js_headers, name).as_string() {
                headers.push((name.to_owned(), v));
            }
        }
    }
    headers
}

fn http_response(answer: &FetchAnswer) -> HttpResponse {
    HttpResponse {
        status: status_of(answer),
        body: answer.body().map(|b| b.to_vec()).unwrap_or_default(),
        headers: headers_of(answer),
    }
}

fn summary_of(facts: &PageFacts) -> PageSummary {
    PageSummary {
        request_id: facts.request_id(),
        // Exact up to 2^53 (JSON.parse reads TotalCount as a double).
        total_count: facts
            .total_count()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .map(|n| n as u64),
        next_token: facts.next_token(),
        count: facts.count() as usize,
        first: facts.first_id().zip(facts.first_status()),
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
