//! What the client needs from its host: HTTP, timers, a clock, randomness and credentials.
//!
//! The core never does I/O itself. The wasm layer implements [`Transport`] with `fetch`,
//! `setTimeout`, `Date.now()` and `crypto.getRandomValues`; tests implement it with scripted
//! answers. No `Send` bound and no async runtime: futures are driven by whoever awaits them.
//!
//! What crosses the seam is named: a request has a method, a URL, headers by name and a body;
//! an answer has a status, a body and headers by name; a failure has a [`TransportError`]
//! variant (the JavaScript side mirrors it as an object with a `kind`).

use crate::canonical::Method;
use crate::response::HostPage;
use crate::sign::Credentials;
use crate::Error;

/// The response headers the client reads (lowercase). The JavaScript transport copies these,
/// and only these, into the answer's `headers` object; a browser shows a cross-origin answer's
/// headers only when the server lists them in `Access-Control-Expose-Headers`.
pub const RESPONSE_HEADERS: [&str; 4] = [
    header::DATE,
    header::RETRY_AFTER,
    header::X_ACS_RETRY_AFTER,
    header::X_ACS_REQUEST_ID,
];

/// Header names the client reads, lowercase.
pub mod header {
    /// The server's clock (used to correct a skewed local clock).
    pub const DATE: &str = "date";
    /// Standard retry hint: seconds or an HTTP date.
    pub const RETRY_AFTER: &str = "retry-after";
    /// Alibaba Cloud's retry hint on throttling, in milliseconds.
    pub const X_ACS_RETRY_AFTER: &str = "x-acs-retry-after";
    /// The API's request ID (also in the body of most answers).
    pub const X_ACS_REQUEST_ID: &str = "x-acs-request-id";
}

/// One HTTP request, ready to send: already signed, nothing left to compute. It may carry the
/// STS token (in the query or a header): a transport should [`HttpRequest::wipe`] it once sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The full URL, query included.
    pub url: String,
    /// Headers to send, by name (signature v3 sends `Authorization` and `x-acs-*`; never a
    /// header `fetch` forbids, such as `Host`).
    pub headers: Vec<(String, String)>,
    /// The body (a form for `POST`), or none.
    pub body: Option<String>,
    /// Abort the attempt after this many milliseconds.
    pub timeout_ms: u64,
}

impl HttpRequest {
    /// A `GET` of `url` without headers or body.
    pub fn get(url: String, timeout_ms: u64) -> Self {
        HttpRequest {
            method: Method::Get,
            url,
            headers: Vec::new(),
            body: None,
            timeout_ms,
        }
    }

    /// Overwrites the URL, headers and body (they may carry the STS token) before the memory is
    /// freed.
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        self.url.zeroize();
        for (name, value) in &mut self.headers {
            name.zeroize();
            value.zeroize();
        }
        self.body.zeroize();
    }

    /// The request as the JSON object the JavaScript transport reads:
    /// `{"method","url","headers":{name: value},"body"?,"timeoutMs"}`; wiped when dropped, like
    /// the request.
    pub fn to_json(&self) -> zeroize::Zeroizing<String> {
        let mut out = request_json_buffer(&self.url, &self.headers, self.body.as_deref());
        out.push('{');
        write_request_members(
            &mut out,
            self.method,
            &self.url,
            &self.headers,
            self.body.as_deref(),
        );
        out.push_str(",\"timeoutMs\":");
        crate::text::push_u64(&mut out, self.timeout_ms);
        out.push('}');
        out
    }
}

/// An empty buffer for the JSON of a request, sized up front (escapes aside) so that growing
/// does not leave copies of the STS token behind; wiped when dropped.
pub fn request_json_buffer(
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> zeroize::Zeroizing<String> {
    let size = url.len()
        + body.map_or(0, |b| b.len() * 2)
        + headers
            .iter()
            .map(|(n, v)| n.len() + v.len() + 8)
            .sum::<usize>()
        + 96;
    zeroize::Zeroizing::new(String::with_capacity(size * 2))
}

/// Writes the members a request's JSON shares with `signRpcRequest`'s answer, without braces:
/// `"method":..,"url":..,"headers":{name: value}` and `"body"` when there is one.
pub fn write_request_members(
    out: &mut String,
    method: Method,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) {
    use crate::json::write_string;
    out.push_str("\"method\":\"");
    out.push_str(method.as_str());
    out.push_str("\",\"url\":");
    write_string(out, url);
    out.push_str(",\"headers\":{");
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, name);
        out.push(':');
        write_string(out, value);
    }
    out.push('}');
    if let Some(body) = body {
        out.push_str(",\"body\":");
        write_string(out, body);
    }
}

/// One HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The whole body.
    pub body: Vec<u8>,
    /// Headers by lowercase name (at least those of [`RESPONSE_HEADERS`] that the answer had
    /// and, in browsers, exposed).
    pub headers: Vec<(String, String)>,
}

impl HttpResponse {
    /// The value of header `name` (lowercase), if the answer had it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What [`Transport::send_page`] hands back for a request whose 2xx answer is a
/// `DescribeNetworkInterfaces` page.
#[derive(Debug)]
pub enum PageAnswer {
    /// The answer as received (any status): the core decodes it.
    Http(HttpResponse),
    /// A 2xx page the host decoded itself.
    Decoded(HostPage),
    /// A 2xx answer the host parsed as JSON but found is not the API's shape: `field` is not
    /// `expected`, worded as the core's decoder words it.
    NotShape {
        /// The status (2xx).
        status: u16,
        /// The start of the body (512 bytes), for the error's excerpt.
        head: Vec<u8>,
        /// The member that is wrong (its API name), or `the response`.
        field: String,
        /// What it should have been (`a string`, `present`, ...).
        expected: String,
        /// Headers by lowercase name.
        headers: Vec<(String, String)>,
    },
    /// A 2xx answer the host could not parse as JSON: the core words why from its bytes.
    NotJson(HttpResponse),
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
    /// Whether [`Transport::send_page`] decodes 2xx pages itself (the JavaScript transport does,
    /// with `JSON.parse` and the decoder generated from the shape tables). The core then never
    /// decodes a page's bytes, so a build that only uses such a transport has no page decoder.
    const DECODES_PAGES: bool = false;
    /// The credentials for the next request (a provider is asked before every request).
    async fn credentials(&self) -> Result<Credentials, Error>;
    /// Sends a request and reads the whole answer.
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
    /// Sends a request whose 2xx answer is a `DescribeNetworkInterfaces` page. Called only when
    /// [`Transport::DECODES_PAGES`]; the default is [`Transport::send`], bytes for the core.
    async fn send_page(&self, request: HttpRequest) -> Result<PageAnswer, TransportError> {
        self.send(request).await.map(PageAnswer::Http)
    }
    /// Waits `ms` milliseconds; fails only with [`TransportError::Aborted`].
    async fn sleep(&self, ms: u64) -> Result<(), TransportError>;
    /// Milliseconds since the Unix epoch, by the host's clock.
    fn now_ms(&self) -> i64;
    /// 16 bytes from a secure random source (for `SignatureNonce`).
    fn random_bytes(&self) -> [u8; 16];
    /// A number in `[0, 1)` for backoff jitter (need not be secure).
    fn random(&self) -> f64;
    /// Told before each backoff wait (`CallOptions.onRetry` in JavaScript). Default: nothing.
    fn on_retry(&self, event: &crate::policy::RetryEvent<'_>) {
        let _ = event;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_json_names_every_part() {
        let mut r = HttpRequest::get("https://h/?a=\"b".into(), 250);
        assert_eq!(
            *r.to_json(),
            r#"{"method":"GET","url":"https://h/?a=\"b","headers":{},"timeoutMs":250}"#
        );
        r.method = Method::Post;
        r.headers = vec![
            ("authorization".into(), "ACS3-HMAC-SHA256 x".into()),
            ("x-acs-date".into(), "2026".into()),
        ];
        r.body = Some("A=1&B=2".into());
        assert_eq!(
            *r.to_json(),
            r#"{"method":"POST","url":"https://h/?a=\"b","headers":{"authorization":"ACS3-HMAC-SHA256 x","x-acs-date":"2026"},"body":"A=1&B=2","timeoutMs":250}"#
        );
    }

    /// The JavaScript transport copies exactly these headers (`RESPONSE_HEADERS` in
    /// `runtime.js`): the two lists are the same.
    #[test]
    fn the_javascript_transport_copies_the_same_headers() {
        let runtime = include_str!("wasm/js/runtime.js");
        let quoted: Vec<String> = RESPONSE_HEADERS
            .iter()
            .map(|h| format!("\"{h}\""))
            .collect();
        let line = format!("const RESPONSE_HEADERS = [{}];", quoted.join(", "));
        assert!(runtime.contains(&line), "runtime.js lacks `{line}`");
    }

    #[test]
    fn headers_are_found_by_name() {
        let r = HttpResponse {
            status: 200,
            body: vec![],
            headers: vec![("x-acs-retry-after".into(), "1500".into())],
        };
        assert_eq!(r.header(header::X_ACS_RETRY_AFTER), Some("1500"));
        assert_eq!(r.header("X-Acs-Retry-After"), Some("1500"));
        assert_eq!(r.header(header::DATE), None);
    }
}
