//! What the client needs from its host: HTTP, timers, a clock, randomness and credentials.
//!
//! The core never does I/O itself. The wasm layer implements [`Transport`] with `fetch`,
//! `setTimeout`, `Date.now()` and `crypto.getRandomValues`; tests implement it with scripted
//! answers. No `Send` bound and no async runtime: futures are driven by whoever awaits them.

use crate::sign::Credentials;
use crate::Error;

/// One HTTP request: a signed GET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The full URL, query included.
    pub url: String,
    /// Abort the attempt after this many milliseconds.
    pub timeout_ms: u64,
}

/// One HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The whole body.
    pub body: Vec<u8>,
    /// The `Date` header, if the answer had one (and, in browsers, exposed it).
    pub date: Option<String>,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
}

/// Why no answer arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The request failed (connection refused or reset, DNS, CORS refusal, a cut-off body).
    /// The text describes it and must not quote the URL.
    Network(String),
    /// No answer within the attempt's timeout.
    Timeout,
    /// The caller's signal fired.
    Aborted,
    /// The body exceeded the transport's size limit.
    TooLarge {
        /// The status of the answer.
        status: u16,
        /// The limit, in bytes.
        limit: usize,
    },
}

/// Everything the client needs from its host.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// The credentials for the next request (a provider is asked before every request).
    async fn credentials(&self) -> Result<Credentials, Error>;
    /// Sends a request and reads the whole answer.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
    /// Waits `ms` milliseconds; fails only with [`TransportError::Aborted`].
    async fn sleep(&self, ms: u64) -> Result<(), TransportError>;
    /// Milliseconds since the Unix epoch, by the host's clock.
    fn now_ms(&self) -> i64;
    /// 16 bytes from a secure random source (for `SignatureNonce`).
    fn random_bytes(&self) -> [u8; 16];
    /// A number in `[0, 1)` for backoff jitter (need not be secure).
    fn random(&self) -> f64;
}
